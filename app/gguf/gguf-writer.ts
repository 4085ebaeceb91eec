// Writes GGUF v3 (little-endian) files. Tensor data is pulled from the caller piece by piece and
// streamed to disk, so a file of hundreds of MB never has to exist in memory. The file appears
// atomically: it is written under a temporary name beside the target and renamed at the end, so
// a crash or error never leaves a half-written model where a loader could pick it up.
import { randomBytes } from "node:crypto";
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { GgufError } from "./gguf-error.js";
import { encodeGgufHeader, type GgufTensorDescription } from "./gguf-header-encoder.js";
import type { GgufTypedValue } from "./gguf-typed-value.js";

/**
 * A tensor's bytes: all at once, or as chunks produced lazily (a generator, async generator or a
 * function returning one). The chunks must add up to exactly the tensor's size in bytes. Each
 * chunk is consumed before the next is asked for, so a generator may reuse one scratch buffer.
 */
export type GgufTensorData =
  | Uint8Array
  | Iterable<Uint8Array>
  | AsyncIterable<Uint8Array>
  | (() => Iterable<Uint8Array> | AsyncIterable<Uint8Array>);

export interface GgufTensorToWrite extends GgufTensorDescription {
  readonly data: GgufTensorData;
}

export interface GgufWriteInput {
  /** Written in insertion order. general.alignment (uint32, power of two) sets the alignment. */
  readonly metadata: Record<string, GgufTypedValue>;
  readonly tensors?: readonly GgufTensorToWrite[];
}

export interface GgufWriteResult {
  readonly fileSize: number;
  readonly dataOffset: number;
}

const WRITE_BUFFER_BYTES = 4 << 20;

export async function writeGguf(path: string, input: GgufWriteInput): Promise<GgufWriteResult> {
  const tensors = input.tensors ?? [];
  const header = encodeGgufHeader({ metadata: input.metadata, tensors });
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tempPath, "wx");
  let closed = false;
  try {
    const sink = new BufferedSink(handle, WRITE_BUFFER_BYTES);
    await sink.write(header.bytes);
    for (let i = 0; i < tensors.length; i++) {
      const layout = header.tensors[i];
      let written = 0;
      for await (const chunk of chunksOf(tensors[i].data)) {
        written += chunk.length;
        if (written > layout.byteSize) break;
        await sink.write(chunk);
      }
      if (written !== layout.byteSize) {
        throw new GgufError(
          `tensor "${layout.name}" (${layout.type.name} [${layout.dims.join(", ")}]) needs ${layout.byteSize} bytes of data, got ${written > layout.byteSize ? "more" : written}`,
        );
      }
      await sink.write(new Uint8Array(padding(layout.byteSize, header.alignment)));
    }
    await sink.flush();
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(tempPath, path);
    return { fileSize: header.bytes.length + header.dataSize, dataOffset: header.bytes.length };
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
}

function padding(size: number, alignment: number): number {
  return (alignment - (size % alignment)) % alignment;
}

async function* chunksOf(data: GgufTensorData): AsyncIterable<Uint8Array> {
  if (data instanceof Uint8Array) {
    yield data;
    return;
  }
  const source = typeof data === "function" ? data() : data;
  for await (const chunk of source) {
    if (!(chunk instanceof Uint8Array)) throw new GgufError("tensor data chunks must be Uint8Arrays");
    yield chunk;
  }
}

/** Coalesces small chunks into large writes; large chunks go straight through. */
class BufferedSink {
  private readonly buf: Buffer;
  private used = 0;

  constructor(
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    if (this.used + chunk.length > this.buf.length) await this.flush();
    if (chunk.length >= this.buf.length) {
      await writeFully(this.handle, chunk);
      return;
    }
    this.buf.set(chunk, this.used);
    this.used += chunk.length;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await writeFully(this.handle, this.buf.subarray(0, this.used));
    this.used = 0;
  }
}

async function writeFully(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
