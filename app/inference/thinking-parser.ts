type State = "looking" | "startedEatingSpace" | "thinking" | "doneEatingSpace" | "done";

function overlapAtEnd(text: string, tag: string): number {
  for (let length = Math.min(tag.length, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}

/**
 * Splits streamed output into thinking and content by the template's tags (e.g. <think>…</think>),
 * as Ollama's thinking parser does: thinking only if the output opens with the tag; whitespace right
 * after either tag is dropped; a tag split across pieces is held back until it is complete.
 */
export class ThinkingParser {
  private state: State = "looking";
  private pending = "";

  constructor(readonly openingTag: string, readonly closingTag: string) {}

  /** For prompts that already end with the opening tag: the model's output starts inside the thinking. */
  startInsideThinking(): void {
    this.state = "startedEatingSpace";
  }

  add(text: string): { thinking: string; content: string } {
    this.pending += text;
    let thinking = "";
    let content = "";
    for (let more = true; more; ) {
      const step = this.eat();
      thinking += step.thinking;
      content += step.content;
      more = step.more;
    }
    return { thinking, content };
  }

  private eat(): { thinking: string; content: string; more: boolean } {
    const none = { thinking: "", content: "", more: false };
    switch (this.state) {
      case "looking": {
        const trimmed = this.pending.trimStart();
        if (trimmed.startsWith(this.openingTag)) {
          const after = trimmed.slice(this.openingTag.length).trimStart();
          this.pending = after;
          this.state = after === "" ? "startedEatingSpace" : "thinking";
          return { ...none, more: true };
        }
        if (this.openingTag.startsWith(trimmed)) return none;
        this.state = "done";
        const content = this.pending;
        this.pending = "";
        return { ...none, content };
      }
      case "startedEatingSpace": {
        const trimmed = this.pending.trimStart();
        this.pending = trimmed;
        if (trimmed === "") return none;
        this.state = "thinking";
        return { ...none, more: true };
      }
      case "thinking": {
        const at = this.pending.indexOf(this.closingTag);
        if (at !== -1) {
          const thinking = this.pending.slice(0, at);
          const rest = this.pending.slice(at + this.closingTag.length).trimStart();
          this.pending = "";
          this.state = rest === "" ? "doneEatingSpace" : "done";
          return { thinking, content: rest, more: false };
        }
        const overlap = overlapAtEnd(this.pending, this.closingTag);
        const thinking = this.pending.slice(0, this.pending.length - overlap);
        this.pending = this.pending.slice(this.pending.length - overlap);
        return { ...none, thinking };
      }
      case "doneEatingSpace": {
        const trimmed = this.pending.trimStart();
        this.pending = "";
        if (trimmed !== "") this.state = "done";
        return { ...none, content: trimmed };
      }
      case "done": {
        const content = this.pending;
        this.pending = "";
        return { ...none, content };
      }
    }
  }
}
