import type { StatusMessage } from "../server/error-status.js";

export { statusOf, type StatusMessage } from "../server/error-status.js";

/** A native error reply (`{"error": "..."}` with its status) read back as status and text. */
export async function nativeErrorOf(reply: Response): Promise<StatusMessage> {
  const text = await reply.text();
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === "string") return { status: reply.status, message: parsed.error };
  } catch {
    // not JSON: the raw text is the message, as Ollama's middleware does
  }
  return { status: reply.status, message: text };
}

/** A native streamed line that reports a failure after the stream had started. */
export function streamedError(line: unknown): string | undefined {
  const error = (line as { error?: unknown } | null)?.error;
  return typeof error === "string" ? error : undefined;
}
