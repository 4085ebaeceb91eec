import { streamedError } from "./compat-errors.js";
import { openAiErrorBody } from "./openai-errors.js";
import { DONE, type SseEvent } from "./sse.js";

/** The objects of a native NDJSON reply, read as they arrive; `cancel` stops the native producer. */
export interface NativeLines<T> {
  lines: AsyncGenerator<T>;
  cancel(): Promise<void>;
}

export function readNativeLines<T = Record<string, unknown>>(body: ReadableStream<Uint8Array> | null): NativeLines<T> {
  const reader = body?.getReader();
  async function* lines(): AsyncGenerator<T> {
    if (!reader) return;
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      while (true) {
        const { done, value } = await reader.read();
        buffered += decoder.decode(value, { stream: !done });
        let newline: number;
        while ((newline = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) yield JSON.parse(line) as T;
        }
        if (done) break;
      }
      // A non-streamed native reply (e.g. the load shortcut) is one object without a newline.
      if (buffered.trim()) yield JSON.parse(buffered) as T;
    } finally {
      reader.releaseLock();
    }
  }
  return {
    lines: lines(),
    async cancel() {
      await reader?.cancel().catch(() => {});
    },
  };
}

type OpenAiEvents = AsyncGenerator<SseEvent | typeof DONE>;

/** Native stream objects as replies; a streamed {"error"} line ends them by throwing its message. */
export async function* nativeReplies<T>(lines: AsyncIterable<unknown>): AsyncGenerator<T> {
  for await (const line of lines) {
    const error = streamedError(line);
    if (error !== undefined) throw new Error(error);
    yield line as T;
  }
}

/** The events of an OpenAI stream, ended by an error event (500) when the native stream behind them fails. */
export async function* endingInOpenAiError(events: OpenAiEvents): OpenAiEvents {
  try {
    yield* events;
  } catch (error) {
    yield { data: openAiErrorBody(500, error instanceof Error ? error.message : String(error)) };
  }
}
