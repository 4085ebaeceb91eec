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
