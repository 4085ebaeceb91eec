/**
 * Holds back generated text that might be the start of a stop sequence, so a stop string never
 * reaches the client, not even in part.
 */
export class StopSequenceFilter {
  private pending = "";

  constructor(private readonly stops: readonly string[]) {}

  /** Returns the text that is safe to emit and whether a stop sequence was found. */
  push(text: string): { emit: string; stopped: boolean } {
    this.pending += text;
    let firstStop = -1;
    for (const stop of this.stops) {
      if (stop === "") continue;
      const at = this.pending.indexOf(stop);
      if (at !== -1 && (firstStop === -1 || at < firstStop)) firstStop = at;
    }
    if (firstStop !== -1) {
      const emit = this.pending.slice(0, firstStop);
      this.pending = "";
      return { emit, stopped: true };
    }
    const hold = this.longestStopPrefixAtEnd();
    const emit = this.pending.slice(0, this.pending.length - hold);
    this.pending = this.pending.slice(this.pending.length - hold);
    return { emit, stopped: false };
  }

  /** What was held back when generation ends for another reason. */
  flush(): string {
    const rest = this.pending;
    this.pending = "";
    return rest;
  }

  private longestStopPrefixAtEnd(): number {
    let longest = 0;
    for (const stop of this.stops) {
      for (let length = Math.min(stop.length - 1, this.pending.length); length > longest; length--) {
        if (this.pending.endsWith(stop.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }
}
