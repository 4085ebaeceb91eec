// Borderless, left-aligned tables as Ollama prints them with tablewriter:
// cells padded to their column, four spaces after each, long cells wrapped
// at word boundaries (minimum raggedness) to the column limit.

import { displayWidth } from "./display-width.js";

export interface TableOptions {
  /** Column titles; the last one is followed by a single space, as tablewriter does. */
  header?: string[];
  /** Cells wider than this are wrapped at spaces (tablewriter's default is 30). */
  maxCellWidth?: number;
}

const PADDING = "    ";
const DEFAULT_MAX_CELL_WIDTH = 30;
const OVERFLOW_PENALTY = 100_000;

/** Splits words into lines no wider than `limit`, minimising the squared slack of every line but the last. */
function wrapWords(words: string[], limit: number): string[][] {
  const n = words.length;
  const widths = words.map(displayWidth);
  // span(i, j): width of words i..j joined by single spaces.
  const span = (i: number, j: number) => widths.slice(i, j + 1).reduce((sum, w) => sum + w, 0) + (j - i);
  const cost = new Array<number>(n).fill(Number.MAX_SAFE_INTEGER);
  const breakAt = new Array<number>(n).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    if (span(i, n - 1) <= limit) {
      cost[i] = 0;
      breakAt[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const slack = limit - span(i, j - 1);
      let candidate = slack * slack + (cost[j] as number);
      if (span(i, j - 1) > limit) candidate += OVERFLOW_PENALTY;
      if (candidate < (cost[i] as number)) {
        cost[i] = candidate;
        breakAt[i] = j;
      }
    }
  }
  const lines: string[][] = [];
  for (let i = 0; i < n; i = breakAt[i] as number) lines.push(words.slice(i, breakAt[i]));
  return lines;
}

function cellLines(cell: string, maxWidth: number): string[] {
  const text = cell.split("\n").join(" ");
  if (displayWidth(text) <= maxWidth) return [text];
  const words = text.split(" ");
  const limit = Math.max(maxWidth, ...words.map(displayWidth));
  return wrapWords(words, limit).map((line) => line.join(" "));
}

function padRight(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

export function renderTable(rows: string[][], options: TableOptions = {}): string {
  const maxWidth = options.maxCellWidth ?? DEFAULT_MAX_CELL_WIDTH;
  const all = options.header ? [options.header, ...rows] : rows;
  const columns = Math.max(0, ...all.map((row) => row.length));
  const wrapped = all.map((row) => Array.from({ length: columns }, (_, c) => cellLines(row[c] ?? "", maxWidth)));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...wrapped.flatMap((row) => (row[c] as string[]).map(displayWidth))));

  let out = "";
  wrapped.forEach((row, r) => {
    const isHeader = options.header !== undefined && r === 0;
    const height = Math.max(...row.map((lines) => lines.length));
    for (let l = 0; l < height; l++) {
      row.forEach((lines, c) => {
        const after = isHeader && c === columns - 1 ? " " : PADDING;
        out += padRight(lines[l] ?? "", widths[c] as number) + after;
      });
      out += "\n";
    }
  });
  return out;
}
