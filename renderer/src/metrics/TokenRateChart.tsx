import { useId } from "react";
import { useWidth } from "../ui/use-width.js";
import { formatSeconds } from "../ui/format.js";
import { rateSeries } from "./answer-stats.js";
import { timeScale } from "./time-scale.js";

interface TokenRateChartProps {
  /** Arrival of each token, ms since the request was sent. */
  tokenMs: number[];
  /** Where the chart ends (now, while streaming). */
  endMs: number;
  firstTokenMs?: number;
  loadMs?: number;
  height?: number;
  live?: boolean;
}

const PAD = { top: 30, right: 12, bottom: 20, left: 12 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= value) ?? 10;
  return step * magnitude;
}

function secondsLabel(ms: number): string {
  return formatSeconds(ms / 1000).replace(" s", "s");
}

/**
 * Tokens per second over time, drawn in SVG, with the moments the model finished loading and the first
 * token arrived. A long wait before the first token is drawn squeezed (dashed axis) so the generation
 * keeps most of the width.
 */
export function TokenRateChart({ tokenMs, endMs, firstTokenMs, loadMs, height = 130, live }: TokenRateChartProps) {
  const gradient = useId();
  const [ref, width] = useWidth<HTMLDivElement>();
  const totalMs = Math.max(endMs, tokenMs[tokenMs.length - 1] ?? 0, firstTokenMs ?? 0, loadMs ?? 0, 100);
  const scale = timeScale(totalMs, firstTokenMs);
  const points = rateSeries(tokenMs, totalMs);
  const peak = niceMax(Math.max(...points.map((point) => point.rate), 1));
  const plotW = Math.max(width - PAD.left - PAD.right, 10);
  const plotH = Math.max(height - PAD.top - PAD.bottom, 10);
  const x = (ms: number) => PAD.left + scale.at(ms) * plotW;
  const y = (rate: number) => PAD.top + plotH - (rate / peak) * plotH;
  const line = points.map((point, i) => `${i === 0 ? "M" : "L"}${x(point.t * 1000).toFixed(1)},${y(point.rate).toFixed(1)}`).join(" ");
  const area = points.length > 0 ? `${line} L${x(points[points.length - 1].t * 1000).toFixed(1)},${y(0)} L${x(points[0].t * 1000).toFixed(1)},${y(0)} Z` : "";
  const markers = [
    loadMs !== undefined ? { ms: loadMs, label: `loaded ${secondsLabel(loadMs)}`, className: "marker-load" } : undefined,
    firstTokenMs !== undefined ? { ms: firstTokenMs, label: `first token ${secondsLabel(firstTokenMs)}`, className: "marker-first" } : undefined,
  ].filter((marker) => marker !== undefined);
  const splitX = scale.squeezed && firstTokenMs !== undefined ? x(firstTokenMs) : undefined;
  return (
    <div className="rate-chart" ref={ref} data-testid="rate-chart" data-live={live ? "true" : "false"} data-markers={markers.map((marker) => marker.className).join(" ")}>
      <svg width={width} height={height} role="img" aria-label={`Tokens per second over ${secondsLabel(totalMs)}`}>
        <defs>
          <linearGradient id={gradient} x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stopColor="var(--accent)" stopOpacity="0.35" />
            <stop offset="100%" stopColor="var(--accent)" stopOpacity="0.02" />
          </linearGradient>
        </defs>
        {splitX === undefined ? (
          <line className="chart-axis" x1={PAD.left} x2={PAD.left + plotW} y1={y(0)} y2={y(0)} />
        ) : (
          <>
            <line className="chart-axis squeezed" x1={PAD.left} x2={splitX} y1={y(0)} y2={y(0)} />
            <line className="chart-axis" x1={splitX} x2={PAD.left + plotW} y1={y(0)} y2={y(0)} />
          </>
        )}
        <line className="chart-grid" x1={PAD.left} x2={PAD.left + plotW} y1={y(peak / 2)} y2={y(peak / 2)} />
        <line className="chart-grid" x1={PAD.left} x2={PAD.left + plotW} y1={y(peak)} y2={y(peak)} />
        {area && <path d={area} fill={`url(#${gradient})`} />}
        {line && <path className="chart-line" d={line} />}
        {markers.map((marker, index) => {
          const at = x(marker.ms);
          const flip = at > PAD.left + plotW * 0.7;
          const labelY = index === 0 && markers.length > 1 ? 10 : markers.length > 1 ? 23 : 16;
          return (
            <g key={marker.className} className={`chart-marker ${marker.className}`}>
              <line x1={at} x2={at} y1={labelY + 3} y2={PAD.top + plotH} />
              <text x={flip ? at - 5 : at + 5} y={labelY} textAnchor={flip ? "end" : "start"}>
                {marker.label}
              </text>
            </g>
          );
        })}
        <text className="chart-label" x={PAD.left + plotW} y={y(peak) - 4} textAnchor="end">
          {peak.toLocaleString()} tok/s
        </text>
        <text className="chart-label" x={PAD.left} y={height - 5}>
          0s
        </text>
        <text className="chart-label" x={PAD.left + plotW} y={height - 5} textAnchor="end">
          {secondsLabel(totalMs)}
        </text>
      </svg>
    </div>
  );
}
