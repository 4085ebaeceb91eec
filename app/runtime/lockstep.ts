/**
 * Holds the generations that share one context in step, token by token, so that each decode batch carries
 * the next token of every one of them. Left to themselves they drift apart: their samplers finish at
 * different times and node-llama-cpp dispatches whatever has queued by then, so 4 streams settle into
 * batches of 3 and 1 (measured on the 250M bench model: 4 streams at 0.8 of the speed they reach in step).
 *
 * A generation joins once it has its first token (while its prompt is evaluated it is not waiting for
 * anyone), calls arrive() before it asks for each next token, and leaves when it stops. arrive() returns
 * nothing when there is no one to wait for, so a lone stream never awaits.
 */
export class Lockstep {
  private members = 0;
  private waiting: Array<() => void> = [];
  private safety?: NodeJS.Timeout;

  /** @param maxWaitMs a member never waits longer than this for the others (a stuck one cannot stall the rest) */
  constructor(private readonly maxWaitMs = 1000) {}

  get size(): number {
    return this.members;
  }

  join(): void {
    this.members++;
  }

  leave(): void {
    this.members = Math.max(0, this.members - 1);
    if (this.waiting.length > 0 && this.waiting.length >= this.members) this.release();
  }

  /** Resolves when every member has arrived; undefined when this member is alone and may go on at once. */
  arrive(): Promise<void> | undefined {
    if (this.members <= 1 && this.waiting.length === 0) return undefined;
    const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.waiting.length >= this.members) this.release();
    else if (this.waiting.length === 1) this.safety = setTimeout(() => this.release(), this.maxWaitMs);
    return turn;
  }

  private release(): void {
    clearTimeout(this.safety);
    this.safety = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }
}
