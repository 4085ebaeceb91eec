import { navigate } from "../app/router.js";
import { formatRate, formatSeconds } from "../ui/format.js";
import type { LoggedAnswer } from "./answer-log-context.js";
import { answerStats } from "./answer-stats.js";

/** The latest answers, newest first, one row each. */
export function AnswerTable({ answers }: { answers: LoggedAnswer[] }) {
  return (
    <table className="table" aria-label="Recent answers">
      <thead>
        <tr>
          <th>When</th>
          <th>Model</th>
          <th className="num">Load</th>
          <th className="num">First token</th>
          <th className="num">Prompt</th>
          <th className="num">Generation</th>
          <th className="num">Tokens</th>
        </tr>
      </thead>
      <tbody>
        {answers.map((answer) => {
          const stats = answerStats(answer.metrics);
          return (
            <tr key={answer.id} className="clickable" onClick={() => navigate({ page: "chat", conversationId: answer.conversationId })}>
              <td>{new Date(answer.at).toLocaleTimeString()}</td>
              <td className="strong">{answer.model}</td>
              <td className="num">{stats.loadSeconds !== undefined ? formatSeconds(stats.loadSeconds) : "–"}</td>
              <td className="num">{stats.firstTokenSeconds !== undefined ? formatSeconds(stats.firstTokenSeconds) : "–"}</td>
              <td className="num">{formatRate(stats.promptRate)}</td>
              <td className="num">{formatRate(stats.generationRate)}</td>
              <td className="num">
                {stats.promptTokens ?? "–"} / {stats.generatedTokens ?? "–"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
