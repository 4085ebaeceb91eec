// Reads the chat's input lines. On a terminal it is an editable prompt
// (`>>> `, `... ` inside a """ block) with a grey placeholder; from a pipe it
// reads line by line. Lines that arrive while an answer is being written
// wait their turn. Ctrl-C is handed to whoever asked for it: the running
// answer, else the prompt.

import { createInterface, type Interface } from "node:readline";
import { GREY, RESET } from "./terminal-style.js";

export type ReadResult = { kind: "line"; text: string } | { kind: "interrupt" } | { kind: "eof" };

const PROMPT = ">>> ";
const ALT_PROMPT = "... ";
const PLACEHOLDER = "Send a message (/? for help)";
const ALT_PLACEHOLDER = "Press Enter to send";

export class LineReader {
  private readonly rl: Interface;
  private readonly terminal: boolean;
  private readonly queue: ReadResult[] = [];
  private waiting: ((result: ReadResult) => void) | undefined;
  private closed = false;
  private placeholderShown = false;
  /** Set while an answer streams: Ctrl-C stops it instead of the prompt. */
  private interruptHandler: (() => void) | undefined;
  private readonly onProcessSigint = () => this.interrupt();

  constructor(
    private readonly input: NodeJS.ReadableStream & { isTTY?: boolean },
    private readonly output: NodeJS.WritableStream & { isTTY?: boolean },
  ) {
    this.terminal = input.isTTY === true && output.isTTY === true;
    this.rl = createInterface({ input, output, terminal: this.terminal, prompt: PROMPT, historySize: 1000 });
    this.rl.on("line", (text) => this.deliver({ kind: "line", text }));
    this.rl.on("close", () => {
      this.closed = true;
      this.deliver({ kind: "eof" });
    });
    // On a terminal readline sees Ctrl-C as a key; from a pipe it arrives as a signal.
    this.rl.on("SIGINT", () => this.interrupt());
    process.on("SIGINT", this.onProcessSigint);
    if (this.terminal) {
      // Runs before readline's own handler, so the placeholder is gone before the key is echoed.
      input.prependListener("keypress", () => {
        if (!this.placeholderShown) return;
        this.placeholderShown = false;
        this.output.write("\x1b[K");
      });
    }
  }

  /** While set, Ctrl-C calls `handler` (to stop an answer) rather than interrupting the prompt. */
  setInterruptHandler(handler: (() => void) | undefined): void {
    this.interruptHandler = handler;
  }

  /** Prompts (`>>> `, or `... ` when `continuation`) and waits for the next line, an interrupt or the end of input. */
  read(continuation = false): Promise<ReadResult> {
    const prompt = continuation ? ALT_PROMPT : PROMPT;
    const queued = this.queue.shift();
    if (queued?.kind === "eof") return Promise.resolve(queued);
    if (this.closed) this.output.write(prompt);
    else {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
      if (this.terminal && !queued && this.rl.line === "") {
        const placeholder = continuation ? ALT_PLACEHOLDER : PLACEHOLDER;
        this.output.write(`${GREY}${placeholder}${RESET}\x1b[${placeholder.length}D`);
        this.placeholderShown = true;
      }
    }
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    process.off("SIGINT", this.onProcessSigint);
    this.closed = true;
    this.rl.close();
    if ("pause" in this.input) this.input.pause();
  }

  private deliver(result: ReadResult): void {
    if (this.placeholderShown) {
      this.placeholderShown = false;
      this.output.write("\x1b[K");
    }
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting(result);
    } else {
      this.queue.push(result);
    }
  }

  private interrupt(): void {
    if (this.interruptHandler) {
      this.interruptHandler();
      return;
    }
    if (!this.waiting) return;
    if (this.terminal) {
      // Drop what was typed so far: move to its end, then delete back to the start.
      this.rl.write(null, { ctrl: true, name: "e" });
      this.rl.write(null, { ctrl: true, name: "u" });
    }
    this.deliver({ kind: "interrupt" });
  }
}
