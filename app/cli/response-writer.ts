// Writes a streamed answer to the terminal. With word wrap on, a word that
// would cross the right margin is moved whole to the next line (the way
// Ollama's CLI does it, by backing up over the part already printed).

import { charWidth, displayWidth } from "./format/display-width.js";

const MARGIN = 5;
const MIN_WIDTH = 10;

export class ResponseWriter {
  private lineWidth = 0;
  private word = "";

  constructor(
    private readonly out: NodeJS.WritableStream,
    private wordWrap: boolean,
    private readonly width: () => number,
  ) {}

  setWordWrap(on: boolean): void {
    this.wordWrap = on;
  }

  /** Starts a fresh line state (after a block such as the thinking section). */
  reset(): void {
    this.lineWidth = 0;
    this.word = "";
  }

  write(text: string): void {
    const width = this.width();
    if (!this.wordWrap || width < MIN_WIDTH) {
      this.out.write(text);
      return;
    }
    const limit = width - MARGIN;
    let out = "";
    for (const ch of text) {
      if (ch === "\n" || ch === "\r") {
        out += ch;
        this.reset();
        continue;
      }
      const w = charWidth(ch);
      if (this.lineWidth + w > limit) {
        if (ch === " " || ch === "\t") {
          // A space at the margin becomes the line break.
          out += "\n";
          this.reset();
          continue;
        }
        const wordWidth = displayWidth(this.word);
        if (this.word && wordWidth <= width - 2 * MARGIN) {
          out += `\x1b[${wordWidth}D\x1b[K\n${this.word}`;
          this.lineWidth = wordWidth;
        } else {
          out += "\n";
          this.lineWidth = 0;
          this.word = "";
        }
      }
      out += ch;
      this.lineWidth += w;
      if (ch === " " || ch === "\t" || w >= 2) this.word = "";
      else this.word += ch;
    }
    this.out.write(out);
  }
}
