import type { Context } from "hono";

/** An AbortController that fires when the client goes away before the reply is complete. */
export function requestAbort(c: Context): AbortController {
  const abort = new AbortController();
  const signal = c.req.raw.signal;
  if (signal.aborted) abort.abort();
  else signal.addEventListener("abort", () => abort.abort(), { once: true });
  return abort;
}
