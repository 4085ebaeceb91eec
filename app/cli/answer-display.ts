// Shows one streamed answer: an optional "Thinking..." block, the text, and
// any tool calls (the CLI offers no tools, so they are only reported).

import type { ToolCall } from "./api-types.js";
import type { ResponseWriter } from "./response-writer.js";
import { BOLD, GREY, RESET } from "./terminal-style.js";

export class AnswerDisplay {
  private thinkingOpen = false;
  private thinkingClosed = false;
  private thinkingText = "";

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly writer: ResponseWriter,
    /** No colours (output is not a terminal). */
    private readonly plain: boolean,
    private readonly hideThinking: boolean,
  ) {}

  /** One chunk of the answer. */
  show(chunk: { thinking?: string | undefined; content: string; toolCalls?: ToolCall[] | undefined }): void {
    if (chunk.thinking && !this.hideThinking) {
      if (!this.thinkingOpen) {
        this.out.write(this.plain ? "Thinking...\n" : `${GREY}${BOLD}Thinking...\n${RESET}${GREY}`);
        this.thinkingOpen = true;
        this.thinkingClosed = false;
      }
      this.thinkingText += chunk.thinking;
      this.writer.write(chunk.thinking);
    }

    const hasToolCalls = (chunk.toolCalls?.length ?? 0) > 0;
    if (this.thinkingOpen && !this.thinkingClosed && (chunk.content || hasToolCalls)) {
      if (!this.thinkingText.endsWith("\n")) this.out.write("\n");
      this.out.write(this.plain ? "...done thinking.\n\n" : `${GREY}${BOLD}...done thinking.\n\n${RESET}`);
      this.thinkingOpen = false;
      this.thinkingClosed = true;
      this.writer.reset();
    }

    this.writer.write(chunk.content);
    if (hasToolCalls) this.out.write(this.renderToolCalls(chunk.toolCalls as ToolCall[]));
  }

  private renderToolCalls(calls: ToolCall[]): string {
    const note = this.plain ? "" : `${GREY}${BOLD}`;
    const value = this.plain ? "" : RESET;
    const lines = calls.map(
      (call) =>
        `  Model called a non-existent function '${value}${call.function.name}${note}()' with arguments: ${value}${JSON.stringify(call.function.arguments)}${note}`,
    );
    return `${note}${lines.join("\n")}${this.plain ? "" : RESET}`;
  }
}
