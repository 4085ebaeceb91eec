// The `--verbose` statistics block, worded and aligned as Ollama prints it.

import { goFixed } from "../gguf/human-number.js";
import type { Metrics } from "./api-types.js";
import { goDurationString } from "./format/go-duration.js";

const rate = (count: number, nanoseconds: number) => `${goFixed(count / (nanoseconds / 1e9), 2)} tokens/s`;

export function metricsSummary(metrics: Metrics): string {
  const lines: string[] = [];
  const { total_duration: total, load_duration: load, prompt_eval_count: promptCount = 0, prompt_eval_duration: promptDuration } = metrics;
  const { eval_count: evalCount = 0, eval_duration: evalDuration } = metrics;
  if (total && total > 0) lines.push(`total duration:       ${goDurationString(total)}`);
  if (load && load > 0) lines.push(`load duration:        ${goDurationString(load)}`);
  if (promptCount > 0) lines.push(`prompt eval count:    ${promptCount} token(s)`);
  if (promptDuration && promptDuration > 0) {
    lines.push(`prompt eval duration: ${goDurationString(promptDuration)}`);
    lines.push(`prompt eval rate:     ${rate(promptCount, promptDuration)}`);
  }
  if (evalCount > 0) lines.push(`eval count:           ${evalCount} token(s)`);
  if (evalDuration && evalDuration > 0) {
    lines.push(`eval duration:        ${goDurationString(evalDuration)}`);
    lines.push(`eval rate:            ${rate(evalCount, evalDuration)}`);
  }
  return lines.map((line) => `${line}\n`).join("");
}
