/** One server-sent event; `event` is set for Anthropic-style streams, which name every event. */
export interface SseEvent {
  event?: string;
  data: unknown;
}

/** The literal that ends an OpenAI stream. */
export const DONE = Symbol("[DONE]");

function encode(item: SseEvent | typeof DONE): string {
  if (item === DONE) return "data: [DONE]\n\n";
  const data = `data: ${JSON.stringify(item.data)}\n\n`;
  return item.event ? `event: ${item.event}\n${data}` : data;
}

/**
 * Streams events as text/event-stream, each flushed as it is produced. When the client goes away,
 * `onCancel` stops the native work behind the events.
 */
export function sseResponse(events: AsyncGenerator<SseEvent | typeof DONE>, onCancel: () => Promise<void>, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(encode(next.value)));
      } catch {
        // The event sources report their own failures as events; anything left just ends the stream.
        controller.close();
      }
    },
    async cancel() {
      await onCancel();
      await events.return(undefined);
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream", ...headers } });
}
