const JSON_TYPE = "application/json; charset=utf-8";
const NDJSON_TYPE = "application/x-ndjson";

export function jsonResponse(body: unknown, status = 200, contentType = JSON_TYPE): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": contentType } });
}

export function errorResponse(status: number, message: string): Response {
  // Ollama answers Host and Origin refusals with an empty body.
  if (status === 403 && message === "") return new Response(null, { status });
  return jsonResponse({ error: message }, status);
}

export function emptyResponse(status = 200): Response {
  return new Response(null, { status });
}

/** Go's RFC3339Nano in UTC: trailing zeros of the fraction are trimmed. */
export function goTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.?0+Z$/, "Z");
}

/** Go's RFC3339 in the server's local zone with its offset, as modified_at and expires_at are written. */
export function goLocalTimestamp(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().replace(/\.?0+Z$/, "").replace("Z", "");
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export interface StreamOptions<T> {
  stream: boolean;
  /** Folds every streamed object into the single reply of stream:false. */
  aggregate: (items: T[]) => T;
  /** Aborted when the client goes away, so the producer stops its work. */
  abort: AbortController;
  nonStreamContentType?: string;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends a producer's objects as NDJSON or as one aggregated object. An error before the first object
 * becomes a normal JSON error with its status; after streaming started it becomes an {"error"} line.
 */
export async function streamResponse<T extends object>(source: AsyncIterable<T>, options: StreamOptions<T>): Promise<Response> {
  const iterator = source[Symbol.asyncIterator]();
  const stopProducer = () => {
    options.abort.abort();
    void iterator.return?.();
  };
  if (!options.stream) {
    const items: T[] = [];
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) items.push(next.value);
    } catch (error) {
      stopProducer();
      throw error;
    }
    return jsonResponse(options.aggregate(items), 200, options.nonStreamContentType);
  }
  let first: IteratorResult<T>;
  try {
    first = await iterator.next();
  } catch (error) {
    stopProducer();
    throw error;
  }
  const encoder = new TextEncoder();
  const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
  let pendingFirst: IteratorResult<T> | undefined = first;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pendingFirst ?? (await iterator.next());
        pendingFirst = undefined;
        if (next.done) controller.close();
        else controller.enqueue(line(next.value));
      } catch (error) {
        controller.enqueue(line({ error: errorMessage(error) }));
        controller.close();
      }
    },
    cancel() {
      stopProducer();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": NDJSON_TYPE } });
}
