// Encodes the part of a GGUF v3 file that precedes the tensor data: header, typed metadata and the
// tensor table, padded to the data alignment. Kept apart from the file writer so tests can build
// headers for files whose data is never written (e.g. a sparse 4 GB file).
import { GgufError } from "./gguf-error.js";
import { GGUF_VALUE_TYPE_IDS, type GgufType, type GgufValue } from "./gguf-types.js";
import { checkTypedValue, type GgufTypedValue } from "./gguf-typed-value.js";
import { ggmlTensorByteSize, ggmlTypeById, ggmlTypeByName, type GgmlTypeInfo } from "./ggml-types.js";

const GGUF_VERSION = 3;
const DEFAULT_ALIGNMENT = 32;
const MAX_TENSOR_NAME_BYTES = 63; // llama.cpp: GGML_MAX_NAME - 1
const MAX_TENSOR_DIMS = 4;

export interface GgufTensorDescription {
  readonly name: string;
  /** ggml type id or name ("F32", "Q8_0", ...). */
  readonly type: number | string;
  /** Dimensions fastest-varying first (ne0 first), as GGUF stores them. */
  readonly dims: readonly number[];
}

export interface GgufTensorLayout {
  readonly name: string;
  readonly type: GgmlTypeInfo;
  readonly dims: readonly number[];
  /** Offset from the start of the data section. */
  readonly offset: number;
  readonly byteSize: number;
}

export interface EncodedGgufHeader {
  /** Everything before the tensor data, already padded to the alignment. */
  readonly bytes: Buffer;
  readonly alignment: number;
  readonly tensors: readonly GgufTensorLayout[];
  /** Size of the data section, every tensor padded to the alignment. */
  readonly dataSize: number;
}

export function encodeGgufHeader(input: {
  metadata: Record<string, GgufTypedValue>;
  tensors?: readonly GgufTensorDescription[];
}): EncodedGgufHeader {
  const entries = Object.entries(input.metadata);
  for (const [key, { type, value }] of entries) {
    if (key === "") throw new GgufError("metadata keys must not be empty");
    checkTypedValue(key, type, value);
  }
  const alignment = alignmentOf(input.metadata);
  const layouts = layoutTensors(input.tensors ?? [], alignment);

  const out = new ByteBuilder();
  out.bytes(Buffer.from("GGUF", "latin1"));
  out.u32(GGUF_VERSION);
  out.u64(layouts.length);
  out.u64(entries.length);
  for (const [key, { type, value }] of entries) {
    out.string(key);
    writeValue(out, type, value);
  }
  for (const t of layouts) {
    out.string(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(t.type.id);
    out.u64(t.offset);
  }
  out.padTo(alignment);
  const last = layouts.at(-1);
  const dataSize = last === undefined ? 0 : alignUp(last.offset + last.byteSize, alignment);
  return { bytes: out.finish(), alignment, tensors: layouts, dataSize };
}

export function alignUp(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}

function alignmentOf(metadata: Record<string, GgufTypedValue>): number {
  const entry = metadata["general.alignment"];
  if (entry === undefined) return DEFAULT_ALIGNMENT;
  const value = entry.value as number;
  if (entry.type !== "uint32" || value === 0 || (value & (value - 1)) !== 0) {
    throw new GgufError("general.alignment must be a uint32 power of two");
  }
  return value;
}

function layoutTensors(tensors: readonly GgufTensorDescription[], alignment: number): GgufTensorLayout[] {
  const names = new Set<string>();
  const layouts: GgufTensorLayout[] = [];
  let offset = 0;
  for (const t of tensors) {
    const label = `tensor "${t.name}"`;
    if (Buffer.byteLength(t.name, "utf8") > MAX_TENSOR_NAME_BYTES) {
      throw new GgufError(`${label}: names are limited to ${MAX_TENSOR_NAME_BYTES} bytes`);
    }
    if (names.has(t.name)) throw new GgufError(`duplicate tensor name "${t.name}"`);
    names.add(t.name);
    const type = typeof t.type === "number" ? ggmlTypeById(t.type) : ggmlTypeByName(t.type);
    if (type === undefined) throw new GgufError(`${label}: unknown ggml type ${String(t.type)}`);
    if (t.dims.length < 1 || t.dims.length > MAX_TENSOR_DIMS) {
      throw new GgufError(`${label}: needs 1 to ${MAX_TENSOR_DIMS} dimensions, got ${t.dims.length}`);
    }
    if (!t.dims.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new GgufError(`${label}: dimensions must be non-negative integers, got [${t.dims.join(", ")}]`);
    }
    const byteSize = ggmlTensorByteSize(type, t.dims);
    if (byteSize === undefined) {
      throw new GgufError(`${label}: shape [${t.dims.join(", ")}] is not valid for ${type.name} (block size ${type.blockSize})`);
    }
    layouts.push({ name: t.name, type, dims: [...t.dims], offset, byteSize });
    offset = alignUp(offset + byteSize, alignment);
  }
  return layouts;
}

function typeId(type: GgufType): number {
  return typeof type === "string" ? GGUF_VALUE_TYPE_IDS[type] : GGUF_VALUE_TYPE_IDS.array;
}

function writeValue(out: ByteBuilder, type: GgufType, value: GgufValue): void {
  out.u32(typeId(type));
  writeBareValue(out, type, value);
}

/** Writes a value without its type id (array items carry no per-item type, except inner arrays). */
function writeBareValue(out: ByteBuilder, type: GgufType, value: GgufValue): void {
  if (typeof type !== "string") {
    const items = value as GgufValue[];
    const inner = type.arrayOf;
    out.u32(typeId(inner));
    out.u64(items.length);
    for (const item of items) writeBareValue(out, inner, item);
    return;
  }
  switch (type) {
    case "uint8":
      return out.u8(value as number);
    case "int8":
      return out.i8(value as number);
    case "uint16":
      return out.u16(value as number);
    case "int16":
      return out.i16(value as number);
    case "uint32":
      return out.u32(value as number);
    case "int32":
      return out.i32(value as number);
    case "float32":
      return out.f32(value as number);
    case "float64":
      return out.f64(value as number);
    case "uint64":
      return out.u64(value as number | bigint);
    case "int64":
      return out.i64(BigInt(value as number | bigint));
    case "bool":
      return out.u8(value ? 1 : 0);
    case "string":
      return out.string(value as string);
  }
}

/** A little-endian byte buffer that grows as it is written. */
class ByteBuilder {
  private buf = Buffer.alloc(64 * 1024);
  private length = 0;

  private reserve(n: number): number {
    if (this.length + n > this.buf.length) {
      const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  u8(v: number): void {
    const at = this.reserve(1); // reserve first: it may replace this.buf
    this.buf.writeUInt8(v, at);
  }
  i8(v: number): void {
    const at = this.reserve(1); // reserve first: it may replace this.buf
    this.buf.writeInt8(v, at);
  }
  u16(v: number): void {
    const at = this.reserve(2); // reserve first: it may replace this.buf
    this.buf.writeUInt16LE(v, at);
  }
  i16(v: number): void {
    const at = this.reserve(2); // reserve first: it may replace this.buf
    this.buf.writeInt16LE(v, at);
  }
  u32(v: number): void {
    const at = this.reserve(4); // reserve first: it may replace this.buf
    this.buf.writeUInt32LE(v, at);
  }
  i32(v: number): void {
    const at = this.reserve(4); // reserve first: it may replace this.buf
    this.buf.writeInt32LE(v, at);
  }
  f32(v: number): void {
    const at = this.reserve(4); // reserve first: it may replace this.buf
    this.buf.writeFloatLE(v, at);
  }
  f64(v: number): void {
    const at = this.reserve(8); // reserve first: it may replace this.buf
    this.buf.writeDoubleLE(v, at);
  }
  u64(v: number | bigint): void {
    const at = this.reserve(8); // reserve first: it may replace this.buf
    if (typeof v === "bigint") {
      this.buf.writeBigUInt64LE(v, at);
    } else {
      // Lengths and counts are numbers; skipping BigInt keeps big vocabularies fast to encode.
      this.buf.writeUInt32LE(v % 2 ** 32, at);
      this.buf.writeUInt32LE(Math.floor(v / 2 ** 32), at + 4);
    }
  }
  i64(v: bigint): void {
    const at = this.reserve(8); // reserve first: it may replace this.buf
    this.buf.writeBigInt64LE(v, at);
  }
  bytes(b: Uint8Array): void {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }
  string(s: string): void {
    const length = Buffer.byteLength(s, "utf8");
    this.u64(length);
    const at = this.reserve(length);
    this.buf.write(s, at, length, "utf8");
  }
  padTo(alignment: number): void {
    this.reserve(alignUp(this.length, alignment) - this.length); // Buffer.alloc zero-fills
  }
  finish(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}
