import type { TokenLogprob } from "./protocol.js";

/**
 * How often, at most, a generation's text crosses the worker boundary after its first piece. Every message
 * wakes the engine's main thread and the HTTP client; on a 2-core machine whose cores both run llama.cpp
 * that costs compute time (measured: one message per token streamed 0.87-0.92 of direct decode speed, one
 * per 4 tokens 1.0). The first piece always goes out at once, so time to first token does not change.
 */
export const STREAM_INTERVAL_MS = 40;

/**
 * Sends generated text across the worker boundary in as few messages as streaming allows: the first piece at
 * once, then pieces are joined while the last message went out less than intervalMs ago, or while the engine
 * has not yet taken in the previous message (the main thread raises a shared counter for each chunk it
 * handles). Pieces held back go out with the next token after that, or at flush(). Tokens slower than the
 * interval each go out at once.
 */
export class ChunkCoalescer {
  private readonly consumed?: Int32Array;
  private sent = 0;
  private lastSentAt = 0;
  private text = "";
  private logprobs: TokenLogprob[] = [];
  /** Messages posted (for tests and the bench). */
  messages = 0;

  constructor(
    flow: SharedArrayBuffer | undefined,
    private readonly send: (text: string, logprobs?: TokenLogprob[]) => void,
    private readonly intervalMs = STREAM_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.consumed = flow ? new Int32Array(flow) : undefined;
  }

  push(text: string, logprobs?: TokenLogprob[]): void {
    this.text += text;
    if (logprobs) this.logprobs.push(...logprobs);
    if (this.consumed && this.sent - Atomics.load(this.consumed, 0) >= 1) return;
    if (this.sent > 0 && this.now() - this.lastSentAt < this.intervalMs) return;
    this.flush();
  }

  flush(): void {
    if (this.text === "" && this.logprobs.length === 0) return;
    const logprobs = this.logprobs.length > 0 ? this.logprobs : undefined;
    this.send(this.text, logprobs);
    this.text = "";
    this.logprobs = [];
    this.sent++;
    this.messages++;
    this.lastSentAt = this.now();
  }
}
