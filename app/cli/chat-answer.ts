// One turn of the interactive chat: the conversation so far goes to /api/chat
// and the answer streams to the terminal. Ctrl-C stops the answer only.

import type { ChatChunk, ChatMessage } from "./api-types.js";
import { AnswerDisplay } from "./answer-display.js";
import { isAbortError, type EngineClient } from "./engine-client.js";
import { metricsSummary } from "./metrics-summary.js";
import { ProgressDisplay } from "./progress/progress-display.js";
import { Spinner } from "./progress/spinner.js";
import { ResponseWriter } from "./response-writer.js";
import { formatField, type RunOptions } from "./run-options.js";
import { terminalWidth } from "./terminal-width.js";

/** Returns the assistant's message, or undefined when the user stopped it. */
export async function chatAnswer(
  client: EngineClient,
  opts: RunOptions,
  onInterrupt: (handler: (() => void) | undefined) => void,
): Promise<ChatMessage | undefined> {
  const progress = new ProgressDisplay();
  progress.add(new Spinner(""));
  const writer = new ResponseWriter(process.stdout, opts.wordWrap, terminalWidth);
  const display = new AnswerDisplay(process.stdout, writer, !process.stdout.isTTY, opts.hideThinking);
  const abort = new AbortController();
  onInterrupt(() => abort.abort());

  let last: ChatChunk | undefined;
  let role = "assistant";
  let content = "";
  let thinking = "";
  try {
    await client.chat(
      {
        model: opts.model,
        messages: opts.messages,
        ...(opts.format ? { format: formatField(opts.format) } : {}),
        options: opts.options,
        ...(opts.keepAlive !== undefined ? { keep_alive: opts.keepAlive } : {}),
        ...(opts.think !== undefined ? { think: opts.think } : {}),
      },
      (chunk) => {
        last = chunk;
        if (chunk.message.content || !opts.hideThinking) progress.stopAndClear();
        role = chunk.message.role || role;
        thinking += chunk.message.thinking ?? "";
        content += chunk.message.content;
        display.show({ thinking: chunk.message.thinking, content: chunk.message.content, toolCalls: chunk.message.tool_calls });
      },
      abort.signal,
    );
  } catch (error) {
    if (isAbortError(error)) {
      // Leave the partial answer on its own lines before the next prompt.
      process.stdout.write("\n\n");
      return undefined;
    }
    throw error;
  } finally {
    onInterrupt(undefined);
    progress.stopAndClear();
  }

  if (opts.messages.length > 0) process.stdout.write("\n\n");
  if (opts.verbose && last) process.stderr.write(metricsSummary(last));
  return { role, content, ...(thinking ? { thinking } : {}) };
}
