// One-shot answers (`paddock run MODEL PROMPT`, or a prompt piped in): a
// streamed /api/generate, printed as it arrives.

import type { GenerateChunk } from "./api-types.js";
import { AnswerDisplay } from "./answer-display.js";
import { isAbortError, type EngineClient } from "./engine-client.js";
import { extractAttachments } from "./image-attachments.js";
import { metricsSummary } from "./metrics-summary.js";
import { ProgressDisplay } from "./progress/progress-display.js";
import { Spinner } from "./progress/spinner.js";
import { ResponseWriter } from "./response-writer.js";
import { formatField, type RunOptions } from "./run-options.js";
import { terminalWidth } from "./terminal-width.js";

export async function generateAnswer(client: EngineClient, opts: RunOptions): Promise<void> {
  let prompt = opts.prompt;
  let images: string[] = [];
  if (opts.multiModal) ({ text: prompt, images } = await extractAttachments(prompt, (line) => process.stderr.write(`${line}\n`)));

  const progress = new ProgressDisplay();
  progress.add(new Spinner(""));
  const writer = new ResponseWriter(process.stdout, opts.wordWrap, terminalWidth);
  const display = new AnswerDisplay(process.stdout, writer, !process.stdout.isTTY, opts.hideThinking);
  const abort = new AbortController();
  // Ctrl-C ends the answer, not the program's output: what came so far stays.
  const onSigint = () => abort.abort();
  process.once("SIGINT", onSigint);

  let last: GenerateChunk | undefined;
  try {
    await client.generate(
      {
        model: opts.model,
        prompt,
        ...(images.length ? { images } : {}),
        ...(opts.format ? { format: formatField(opts.format) } : {}),
        ...(opts.system ? { system: opts.system } : {}),
        options: opts.options,
        ...(opts.keepAlive !== undefined ? { keep_alive: opts.keepAlive } : {}),
        ...(opts.think !== undefined ? { think: opts.think } : {}),
      },
      (chunk) => {
        last = chunk;
        if (chunk.response || !opts.hideThinking) progress.stopAndClear();
        display.show({ thinking: chunk.thinking, content: chunk.response, toolCalls: chunk.tool_calls });
      },
      abort.signal,
    );
  } catch (error) {
    if (isAbortError(error)) return;
    throw error;
  } finally {
    process.off("SIGINT", onSigint);
    progress.stopAndClear();
  }

  if (prompt) process.stdout.write("\n\n");
  if (last?.done && opts.verbose) process.stderr.write(metricsSummary(last));
}
