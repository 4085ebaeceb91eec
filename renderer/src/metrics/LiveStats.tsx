import { useEffect, useState } from "react";
import { Activity } from "lucide-react";
import type { LiveAnswer } from "../chat/use-chat-session.js";
import { formatRate, formatSeconds } from "../ui/format.js";
import { liveRate } from "./answer-stats.js";
import { TokenRateChart } from "./TokenRateChart.js";

/** While an answer streams: tokens so far, current speed, time to first token, and the live chart. */
export function LiveStats({ live }: { live: LiveAnswer }) {
  const [now, setNow] = useState(() => performance.now() - live.sentAt);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(performance.now() - live.sentAt), 100);
    return () => window.clearInterval(timer);
  }, [live.sentAt]);
  const elapsed = Math.max(now, live.tokenMs[live.tokenMs.length - 1] ?? 0);
  return (
    <div className="live-stats" data-testid="live-stats">
      <div className="metrics-bar">
        <span className="metric-chip live">
          <Activity size={13} /> {formatRate(liveRate(live.tokenMs, elapsed))}
        </span>
        <span className="metric-chip" data-testid="live-token-count">
          {live.tokenMs.length} tokens
        </span>
        <span className="metric-chip">{live.firstTokenMs === undefined ? `waiting ${formatSeconds(elapsed / 1000)}` : `first token ${formatSeconds(live.firstTokenMs / 1000)}`}</span>
      </div>
      <TokenRateChart tokenMs={live.tokenMs} endMs={elapsed} firstTokenMs={live.firstTokenMs} loadMs={live.loadMs} height={88} live />
    </div>
  );
}
