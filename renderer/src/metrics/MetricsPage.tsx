import { BarChart3 } from "lucide-react";
import { formatRate, formatSeconds } from "../ui/format.js";
import { useAnswerLog } from "./answer-log-context.js";
import { answerStats } from "./answer-stats.js";
import { AnswerTable } from "./AnswerTable.js";
import { RunningModels } from "./RunningModels.js";
import { TokenRateChart } from "./TokenRateChart.js";

/** What is loaded now, and how fast this window's answers came. */
export function MetricsPage() {
  const { answers } = useAnswerLog();
  const last = answers[0];
  const stats = answerStats(last?.metrics);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Metrics</h1>
          <p className="muted">Loaded models, and how fast the latest answers came.</p>
        </div>
      </header>
      <RunningModels />
      <section className="card" aria-labelledby="last-answer-title">
        <header className="card-header">
          <h2 id="last-answer-title">
            <BarChart3 size={18} /> Last answer
          </h2>
          {last && <span className="muted small">{last.model}</span>}
        </header>
        {last ? (
          <>
            <div className="stat-tiles">
              <div className="stat-tile">
                <span className="stat-value">{stats.loadSeconds !== undefined ? formatSeconds(stats.loadSeconds) : "–"}</span>
                <span className="stat-label">Load time</span>
              </div>
              <div className="stat-tile">
                <span className="stat-value">{stats.firstTokenSeconds !== undefined ? formatSeconds(stats.firstTokenSeconds) : "–"}</span>
                <span className="stat-label">Time to first token</span>
              </div>
              <div className="stat-tile">
                <span className="stat-value">{formatRate(stats.promptRate)}</span>
                <span className="stat-label">Prompt · {stats.promptTokens ?? 0} tokens</span>
              </div>
              <div className="stat-tile">
                <span className="stat-value">{formatRate(stats.generationRate)}</span>
                <span className="stat-label">Generation · {stats.generatedTokens ?? 0} tokens</span>
              </div>
            </div>
            {last.metrics.token_ms && last.metrics.token_ms.length > 0 && (
              <TokenRateChart
                tokenMs={last.metrics.token_ms}
                endMs={last.metrics.wall_ms ?? 0}
                firstTokenMs={last.metrics.first_token_ms}
                loadMs={last.metrics.load_duration !== undefined ? last.metrics.load_duration / 1e6 : undefined}
                height={160}
              />
            )}
          </>
        ) : (
          <p className="muted empty-line">No answers yet. Chat with a model and its timings show up here.</p>
        )}
      </section>
      {answers.length > 1 && (
        <section className="card" aria-labelledby="answers-title">
          <header className="card-header">
            <h2 id="answers-title">Recent answers</h2>
          </header>
          <AnswerTable answers={answers} />
        </section>
      )}
    </div>
  );
}
