import type { ProgressLine } from "../models/create-model.js";
import { sleep } from "./abortable-sleep.js";

/** `{"status":"pulling 0123456789ab","digest":…,"total":…,"completed":…}`; Go leaves zero numbers out. */
export function blobProgress(verb: "pulling" | "pushing", digest: string, total: number, completed: number): ProgressLine {
  const line: ProgressLine = { status: `${verb} ${digest.slice(7, 19)}`, digest };
  if (total) line.total = total;
  if (completed) line.completed = completed;
  return line;
}

/**
 * Yields a progress line every interval until the work settles, then one last line from `finalLine`.
 * Upstream stops without a last line, so a bar may never reach 100 % and a blob that takes less than one
 * interval shows nothing; the closing line fixes both and changes nothing a client relies on.
 */
export async function* progressUntil(
  work: Promise<unknown>,
  line: () => ProgressLine,
  finalLine: () => ProgressLine,
  intervalMs: number,
  signal: AbortSignal,
): AsyncGenerator<ProgressLine> {
  let finished = false;
  const watched = work.then(() => {
    finished = true;
  });
  watched.catch(() => {});
  while (!finished) {
    const tick = new AbortController();
    const stop = () => tick.abort();
    signal.addEventListener("abort", stop, { once: true });
    try {
      await Promise.race([watched, sleep(intervalMs, tick.signal).catch(() => {})]);
    } finally {
      tick.abort();
      signal.removeEventListener("abort", stop);
    }
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("context canceled");
    if (!finished) yield line();
  }
  yield finalLine();
}
