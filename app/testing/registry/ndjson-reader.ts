export type Line = Record<string, any>;

/**
 * Reads an NDJSON reply line by line; `until` may stop reading early (the caller then aborts the request,
 * like a user pressing ctrl-c). Returns the lines read.
 */
export async function readLines(response: Response, until: (line: Line) => boolean = () => false): Promise<Line[]> {
  const lines: Line[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = text.indexOf("\n")) >= 0) {
        const line = JSON.parse(text.slice(0, newline)) as Line;
        text = text.slice(newline + 1);
        lines.push(line);
        if (until(line)) return lines;
      }
    }
  } finally {
    reader.releaseLock();
  }
  return lines;
}

/** Polls until the check returns a value, or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
