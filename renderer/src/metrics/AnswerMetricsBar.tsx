import { useEffect, useRef, useState } from "react";
import { ChevronDown, ChevronUp, Gauge, Timer } from "lucide-react";
import type { AnswerMetrics } from "../api/types.js";
import { formatRate, formatSeconds } from "../ui/format.js";
import { answerStats } from "./answer-stats.js";
import { TokenRateChart } from "./TokenRateChart.js";

/** An answer's numbers in one line, and on demand the full table with its speed chart. */
export function AnswerMetricsBar({ metrics, model }: { metrics: AnswerMetrics; model?: string }) {
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) details.current?.scrollIntoView({ block: "nearest" });
  }, [open]);
  const stats = answerStats(metrics);
  return (
    <div className="answer-metrics">
      <button type="button" className="metrics-bar metrics-toggle" onClick={() => setOpen(!open)} aria-expanded={open} aria-label="Answer metrics">
        <span className="metric-chip" title="Generation speed">
          <Gauge size={13} /> {formatRate(stats.generationRate)}
        </span>
        <span className="metric-chip">{stats.generatedTokens ?? 0} tokens</span>
        {stats.firstTokenSeconds !== undefined && (
          <span className="metric-chip" title="Time to first token">
            <Timer size={13} /> {formatSeconds(stats.firstTokenSeconds)}
          </span>
        )}
        {open ? <ChevronUp size={14} className="chevron" /> : <ChevronDown size={14} className="chevron" />}
      </button>
      {open && (
        <div className="metrics-details" data-testid="answer-metrics-details" ref={details}>
          <dl className="metrics-grid">
            <div>
              <dt>Load time</dt>
              <dd>{stats.loadSeconds !== undefined ? formatSeconds(stats.loadSeconds) : "–"}</dd>
            </div>
            <div>
              <dt>First token</dt>
              <dd>{stats.firstTokenSeconds !== undefined ? formatSeconds(stats.firstTokenSeconds) : "–"}</dd>
            </div>
            <div>
              <dt>Prompt</dt>
              <dd>
                {stats.promptTokens ?? "–"} tokens · {formatRate(stats.promptRate)}
              </dd>
            </div>
            <div>
              <dt>Generation</dt>
              <dd>
                {stats.generatedTokens ?? "–"} tokens · {formatRate(stats.generationRate)}
              </dd>
            </div>
            <div>
              <dt>Total</dt>
              <dd>{stats.totalSeconds !== undefined ? formatSeconds(stats.totalSeconds) : "–"}</dd>
            </div>
            <div>
              <dt>Finished</dt>
              <dd>
                {stats.doneReason ?? "–"}
                {model ? ` · ${model}` : ""}
              </dd>
            </div>
          </dl>
          {metrics.token_ms && metrics.token_ms.length > 0 && (
            <TokenRateChart
              tokenMs={metrics.token_ms}
              endMs={metrics.wall_ms ?? metrics.token_ms[metrics.token_ms.length - 1]}
              firstTokenMs={metrics.first_token_ms}
              loadMs={metrics.load_duration !== undefined ? metrics.load_duration / 1e6 : undefined}
            />
          )}
        </div>
      )}
    </div>
  );
}
