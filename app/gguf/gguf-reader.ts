// Reads a GGUF file's header: metadata, tensor table and where tensor data lives.
// It is also the gate in front of llama.cpp: a malformed file can trip a native assert there and
// take the whole process down, so anything llama.cpp's own loader would refuse (and a few things
// it would crash on) is refused here first, with a GgufError. Every count and length is checked
// against the bytes left in the file before anything is allocated, so a hostile or truncated file
// can neither hang the reader nor make it allocate gigabytes.
import { open } from "node:fs/promises";
import { ChunkedFileReader } from "./chunked-file-reader.js";
import { GgufError } from "./gguf-error.js";
import {
  GGUF_VALUE_TYPE_IDS,
  GgufArraySummary,
  type GgufFile,
  type GgufScalarType,
  type GgufTensorInfo,
  type GgufType,
  type GgufValue,
} from "./gguf-types.js";
import { ggmlTensorByteSize, ggmlTypeById, tensorElementCount } from "./ggml-types.js";
import { setOwn } from "./own-property.js";

export interface ReadGgufOptions {
  /**
   * Arrays with more items than this are not decoded but replaced by a GgufArraySummary
   * (type and length). Default: Infinity, i.e. every array is read in full (up to a hard cap of
   * 16M items, beyond which arrays are always summarised). Metadata-only callers (model lists,
   * /api/show without verbose) should pass a small number.
   */
  maxArrayLength?: number;
}

const MAGIC = [0x47, 0x47, 0x55, 0x46]; // "GGUF"
const SUPPORTED_VERSIONS = [2, 3]; // v1 used 32-bit counts and is gone from llama.cpp too
const DEFAULT_ALIGNMENT = 32;
// llama.cpp's limits: GGML_MAX_NAME (names must be shorter than 64 bytes) and GGML_MAX_DIMS.
const MAX_TENSOR_NAME_BYTES = 63;
const MAX_TENSOR_DIMS = 4;
// The spec caps keys at 65535 bytes. Strings are capped well below llama.cpp's 1 GiB so a hostile
// file cannot make us allocate that much; real values (chat templates, tokenizer JSON) are far
// smaller.
const MAX_KEY_BYTES = 65535;
const MAX_STRING_BYTES = 256 * 1024 * 1024;
// Arrays of arrays are legal GGUF but never used in practice; the cap keeps recursion shallow.
const MAX_ARRAY_NESTING = 16;
// Arrays longer than this are always summarised, whatever maxArrayLength says: decoding them
// would cost gigabytes of JS heap. Real vocabularies and merge lists are well under a million.
const MAX_DECODED_ARRAY_ITEMS = 1 << 24;
// Smallest encodings, used to reject counts the remaining bytes cannot possibly hold:
// a tensor entry is name length (8) + n_dims (4) + type (4) + offset (8); a metadata entry is a
// key length (8) + at least one key byte + value type (4) + at least one value byte.
const MIN_TENSOR_INFO_BYTES = 24;
const MIN_KV_BYTES = 14;

const SCALAR_TYPE_BY_ID: ReadonlyMap<number, GgufScalarType> = new Map(
  (Object.entries(GGUF_VALUE_TYPE_IDS) as [string, number][])
    .filter(([name]) => name !== "array")
    .map(([name, id]) => [id, name as GgufScalarType]),
);
const FIXED_SIZES: Partial<Record<GgufScalarType, number>> = {
  uint8: 1,
  int8: 1,
  bool: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  uint64: 8,
  int64: 8,
  float64: 8,
};
const MIN_STRING_BYTES = 8;
const MIN_ARRAY_BYTES = 12;

interface TypedValue {
  value: GgufValue;
  type: GgufType;
}

/** Reads and validates the header of the GGUF file at `path`. Throws GgufError for bad files. */
export async function readGguf(path: string, options: ReadGgufOptions = {}): Promise<GgufFile> {
  const maxArrayLength = options.maxArrayLength ?? Infinity;
  if (!(maxArrayLength >= 0)) throw new RangeError("maxArrayLength must be a non-negative number");
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const fail = (message: string, offset?: number): never => {
      throw new GgufError(message, { path, offset });
    };
    const reader = new ChunkedFileReader(handle, size, (needed, at, what) =>
      fail(`file is truncated: ${what} needs ${needed} bytes at offset ${at} but the file is ${size} bytes long`),
    );
    return await new HeaderParser(reader, fail, maxArrayLength).parse();
  } finally {
    await handle.close();
  }
}

class HeaderParser {
  constructor(
    private readonly r: ChunkedFileReader,
    private readonly fail: (message: string, offset?: number) => never,
    private readonly maxArrayLength: number,
  ) {}

  async parse(): Promise<GgufFile> {
    const r = this.r;
    await this.readMagic();
    const version = await this.readVersion();

    await r.need(16, "the header");
    const tensorCount = this.count(r.u64(), MIN_TENSOR_INFO_BYTES, "tensor count", r.pos - 8);
    const kvCount = this.count(r.u64(), MIN_KV_BYTES, "metadata entry count", r.pos - 8);

    const metadata: Record<string, GgufValue> = {};
    const metadataTypes: Record<string, GgufType> = {};
    for (let i = 0; i < kvCount; i++) {
      const keyAt = r.pos;
      const key = await this.readString(MAX_KEY_BYTES, `metadata key #${i}`);
      if (key === "") this.fail(`metadata key #${i} is empty`, keyAt);
      if (Object.hasOwn(metadata, key)) this.fail(`duplicate metadata key "${key}"`, keyAt);
      await r.need(4, `the type of metadata "${key}"`);
      const { value, type } = await this.readValue(r.u32(), `metadata "${key}"`, 0);
      setOwn(metadata, key, value);
      setOwn(metadataTypes, key, type);
    }

    const alignment = this.alignmentOf(metadata, metadataTypes);
    const tensors = await this.readTensorTable(tensorCount);
    const dataOffset = alignUp(r.pos, alignment);
    const placed = this.placeTensors(tensors, dataOffset, alignment);

    return {
      version,
      byteOrder: r.littleEndian ? "little-endian" : "big-endian",
      tensorCount,
      metadata,
      metadataTypes,
      tensors: placed,
      alignment,
      dataOffset,
      fileSize: r.fileSize,
    };
  }

  private async readMagic(): Promise<void> {
    const r = this.r;
    if (r.fileSize < 4) this.fail(`not a GGUF file: only ${r.fileSize} bytes long`);
    await r.need(4, "the magic number");
    const magic = r.bytes(4);
    if (!MAGIC.every((b, i) => magic[i] === b)) {
      const shown = Array.from(magic, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "?")).join("");
      this.fail(`not a GGUF file: it starts with "${shown}" instead of "GGUF"`, 0);
    }
  }

  private async readVersion(): Promise<number> {
    const r = this.r;
    await r.need(4, "the version");
    let version = r.u32();
    // A big-endian file's version (e.g. 3) reads as 0x03000000 here: low half all zero.
    if (version !== 0 && (version & 0xffff) === 0) {
      r.littleEndian = false;
      r.pos -= 4;
      version = r.u32();
    }
    if (version === 1) this.fail("GGUF version 1 is no longer supported; convert the model again", 4);
    if (!SUPPORTED_VERSIONS.includes(version)) {
      this.fail(`unsupported GGUF version ${version} (supported: ${SUPPORTED_VERSIONS.join(", ")})`, 4);
    }
    return version;
  }

  /** Validates a count read from the file against the bytes its items need at minimum. */
  private count(raw: number | bigint, minItemBytes: number, what: string, at: number): number {
    const limit = Math.floor(this.r.remaining / minItemBytes);
    if (typeof raw === "bigint" || raw > limit) {
      this.fail(`${what} ${raw} is impossible: the ${this.r.remaining} bytes left in the file hold at most ${limit}`, at);
    }
    return raw as number;
  }

  private async readString(maxBytes: number, what: string): Promise<string> {
    const r = this.r;
    if (!r.has(8)) await r.need(8, `the length of ${what}`);
    const at = r.pos;
    const length = r.u64();
    if (typeof length === "bigint" || length > maxBytes) {
      this.fail(`${what} claims to be ${length} bytes long, more than the allowed ${maxBytes}`, at);
    }
    if (length > r.remaining) {
      this.fail(`${what} claims to be ${length} bytes long but only ${r.remaining} bytes are left in the file`, at);
    }
    if (!r.has(length)) await r.need(length, what);
    return r.utf8(length);
  }

  /** Skips a string without decoding it (used for summarised arrays). */
  private async skipString(what: string): Promise<void> {
    const r = this.r;
    if (!r.has(8)) await r.need(8, `the length of ${what}`);
    const at = r.pos;
    const length = r.u64();
    if (typeof length === "bigint" || length > r.remaining) {
      this.fail(`${what} claims to be ${length} bytes long but only ${r.remaining} bytes are left in the file`, at);
    }
    r.skip(length);
  }

  private scalarType(typeId: number, what: string, at: number): GgufScalarType | "array" {
    if (typeId === GGUF_VALUE_TYPE_IDS.array) return "array";
    const type = SCALAR_TYPE_BY_ID.get(typeId);
    if (type === undefined) this.fail(`${what} has unknown value type ${typeId}`, at);
    return type as GgufScalarType;
  }

  /**
   * Reads one value of the given type id. With `skip` the bytes are walked but nothing is decoded
   * (the value returned is then meaningless); that is how summarised arrays are stepped over.
   */
  private async readValue(typeId: number, what: string, depth: number, skip = false): Promise<TypedValue> {
    const type = this.scalarType(typeId, what, this.r.pos - 4);
    if (type === "array") return this.readArray(what, depth, skip);
    if (type === "string") {
      if (skip) {
        await this.skipString(what);
        return { value: "", type };
      }
      return { value: await this.readString(MAX_STRING_BYTES, what), type };
    }
    const size = FIXED_SIZES[type] as number;
    if (!this.r.has(size)) await this.r.need(size, what);
    if (skip) {
      this.r.skip(size);
      return { value: 0, type };
    }
    return { value: this.readFixed(type), type };
  }

  private readFixed(type: GgufScalarType): number | bigint | boolean {
    const r = this.r;
    switch (type) {
      case "uint8":
        return r.u8();
      case "int8":
        return r.i8();
      case "uint16":
        return r.u16();
      case "int16":
        return r.i16();
      case "uint32":
        return r.u32();
      case "int32":
        return r.i32();
      case "float32":
        return r.f32();
      case "float64":
        return r.f64();
      case "uint64":
        return r.u64();
      case "int64":
        return r.i64();
      case "bool":
        return r.u8() !== 0; // llama.cpp treats any non-zero byte as true
      default:
        throw new Error(`not a fixed-size type: ${type}`);
    }
  }

  private async readArray(what: string, depth: number, skip: boolean): Promise<TypedValue> {
    const r = this.r;
    if (depth >= MAX_ARRAY_NESTING) this.fail(`${what} nests arrays more than ${MAX_ARRAY_NESTING} deep`, r.pos);
    await r.need(12, `the header of array ${what}`);
    const itemTypeId = r.u32();
    const itemType = this.scalarType(itemTypeId, `an item of ${what}`, r.pos - 4);
    const lengthAt = r.pos;
    const minItemBytes =
      itemType === "array" ? MIN_ARRAY_BYTES : itemType === "string" ? MIN_STRING_BYTES : (FIXED_SIZES[itemType] as number);
    const length = this.count(r.u64(), minItemBytes, `item count of ${what}`, lengthAt);
    const skipItems = skip || length > this.maxArrayLength || length > MAX_DECODED_ARRAY_ITEMS;

    if (itemType === "array") {
      const items: GgufValue[] = [];
      let innerType: GgufType = { arrayOf: "uint8" }; // what an empty array of arrays reports
      for (let i = 0; i < length; i++) {
        // An inner array is stored as its own item type, length and items: no type id before it.
        const inner = await this.readArray(`item ${i} of ${what}`, depth + 1, skipItems);
        if (i === 0) innerType = inner.type;
        if (!skipItems) items.push(inner.value);
      }
      return { value: skipItems ? new GgufArraySummary(innerType, length) : items, type: { arrayOf: innerType } };
    }

    const type: GgufType = { arrayOf: itemType };
    if (itemType === "string") {
      if (skipItems) {
        for (let i = 0; i < length; i++) await this.skipString(`item ${i} of ${what}`);
        return { value: new GgufArraySummary(itemType, length), type };
      }
      const items: string[] = new Array(length);
      for (let i = 0; i < length; i++) items[i] = await this.readString(MAX_STRING_BYTES, `item ${i} of ${what}`);
      return { value: items, type };
    }

    // Fixed-size items: the count check above guarantees length * size fits in the file.
    const size = minItemBytes;
    if (skipItems) {
      r.skip(length * size);
      return { value: new GgufArraySummary(itemType, length), type };
    }
    const items: GgufValue[] = new Array(length);
    const perBatch = Math.max(1, Math.floor((1 << 20) / size));
    for (let i = 0; i < length; ) {
      const batch = Math.min(perBatch, length - i);
      await r.need(batch * size, what);
      for (const end = i + batch; i < end; i++) items[i] = this.readFixed(itemType);
    }
    return { value: items, type };
  }

  private alignmentOf(metadata: Record<string, GgufValue>, types: Record<string, GgufType>): number {
    if (!Object.hasOwn(metadata, "general.alignment")) return DEFAULT_ALIGNMENT;
    const value = metadata["general.alignment"];
    // llama.cpp insists on uint32 and a power of two; anything else is refused there too.
    if (types["general.alignment"] !== "uint32") {
      this.fail(`general.alignment must be a uint32, not ${JSON.stringify(types["general.alignment"])}`);
    }
    const alignment = value as number;
    if (alignment === 0 || (alignment & (alignment - 1)) !== 0) {
      this.fail(`general.alignment ${alignment} is not a power of two`);
    }
    return alignment;
  }

  private async readTensorTable(tensorCount: number): Promise<RawTensor[]> {
    const r = this.r;
    const tensors: RawTensor[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < tensorCount; i++) {
      const at = r.pos;
      const name = await this.readString(MAX_TENSOR_NAME_BYTES, `the name of tensor #${i}`);
      if (seen.has(name)) this.fail(`duplicate tensor name "${name}"`, at);
      seen.add(name);
      const label = `tensor "${name}"`;

      await r.need(4, `the dimension count of ${label}`);
      const nDims = r.u32();
      if (nDims > MAX_TENSOR_DIMS) this.fail(`${label} has ${nDims} dimensions; at most ${MAX_TENSOR_DIMS} are allowed`, r.pos - 4);
      await r.need(nDims * 8 + 4 + 8, `the shape, type and offset of ${label}`);
      const dims: number[] = [];
      for (let d = 0; d < nDims; d++) {
        const dim = r.u64();
        if (typeof dim === "bigint") this.fail(`${label} has an impossible dimension ${dim}`, r.pos - 8);
        dims.push(dim as number);
      }
      const typeId = r.u32();
      const offset = r.u64();
      tensors.push({ name, dims, typeId, offset, at });
    }
    return tensors;
  }

  /** Resolves types and sizes and checks every tensor's data lies, aligned and packed, in the file. */
  private placeTensors(raw: RawTensor[], dataOffset: number, alignment: number): GgufTensorInfo[] {
    const fileSize = this.r.fileSize;
    if (raw.length > 0 && dataOffset > fileSize) {
      this.fail(`file is truncated: tensor data should start at offset ${dataOffset} but the file is ${fileSize} bytes long`);
    }
    const tensors: GgufTensorInfo[] = [];
    let expectedOffset = 0;
    for (const t of raw) {
      const label = `tensor "${t.name}"`;
      const type = ggmlTypeById(t.typeId);
      if (type === undefined) this.fail(`${label} has unknown or removed ggml type id ${t.typeId}`, t.at);
      const elementCount = tensorElementCount(t.dims);
      if (elementCount === undefined) this.fail(`${label} has an impossible shape [${t.dims.join(", ")}]`, t.at);
      const ne0 = t.dims.length === 0 ? 1 : t.dims[0];
      if (ne0 % type.blockSize !== 0) {
        this.fail(`${label} of type ${type.name} has rows of ${ne0} elements, not a multiple of its block size ${type.blockSize}`, t.at);
      }
      const byteSize = ggmlTensorByteSize(type, t.dims);
      if (byteSize === undefined || byteSize > fileSize) {
        this.fail(`${label} with shape [${t.dims.join(", ")}] is larger than the whole file`, t.at);
      }
      if (typeof t.offset === "bigint" || t.offset > fileSize) {
        this.fail(`${label} has data offset ${t.offset}, beyond the end of the file`, t.at);
      }
      const offset = t.offset as number;
      if (offset % alignment !== 0) this.fail(`${label} has data offset ${offset}, not a multiple of the alignment ${alignment}`, t.at);
      // llama.cpp requires tensors to be packed in table order (each at the previous one's end,
      // rounded up to the alignment) and refuses the file otherwise.
      if (offset !== expectedOffset) {
        this.fail(`${label} has data offset ${offset} but tensors must be packed in order; expected ${expectedOffset}`, t.at);
      }
      const fileOffset = dataOffset + offset;
      if (fileOffset + byteSize > fileSize) {
        this.fail(
          `file is truncated: ${label} needs bytes ${fileOffset}..${fileOffset + byteSize} but the file is ${fileSize} bytes long`,
        );
      }
      expectedOffset = alignUp(offset + byteSize, alignment);
      tensors.push({ name: t.name, dims: t.dims, type: type.id, typeName: type.name, offset, fileOffset, elementCount, byteSize });
    }
    return tensors;
  }
}

interface RawTensor {
  name: string;
  dims: number[];
  typeId: number;
  offset: number | bigint;
  /** Where the tensor's entry starts in the file, for error messages. */
  at: number;
}

function alignUp(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}
