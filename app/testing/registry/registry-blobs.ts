import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

/** A blob the test registry can serve: bytes in memory, or a file for the big ones (benchmarks). */
export interface RegistryBlob {
  digest: string;
  size: number;
  bytes?: Buffer;
  path?: string;
}

export function blobFromBytes(data: Buffer | string): RegistryBlob {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  return { digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`, size: bytes.length, bytes };
}

export async function blobFromFile(path: string): Promise<RegistryBlob> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { digest: `sha256:${hash.digest("hex")}`, size: (await stat(path)).size, path };
}

/** Bytes [start, end] of a blob as a stream of chunks. */
export async function* blobSlice(blob: RegistryBlob, start: number, end: number): AsyncGenerator<Buffer> {
  if (end < start) return;
  if (blob.bytes) {
    const chunkSize = 64 * 1024;
    for (let offset = start; offset <= end; offset += chunkSize) yield blob.bytes.subarray(offset, Math.min(end + 1, offset + chunkSize));
    return;
  }
  for await (const chunk of createReadStream(blob.path!, { start, end, highWaterMark: 256 * 1024 })) yield chunk as Buffer;
}
