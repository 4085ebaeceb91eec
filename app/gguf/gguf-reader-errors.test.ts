// Malformed files must be refused with a GgufError (never a hang, a huge allocation or a crash):
// the reader is what stands between user-supplied files and llama.cpp's native asserts.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { GgufError } from "./gguf-error.js";
import { encodeGgufHeader, type GgufTensorDescription } from "./gguf-header-encoder.js";
import { readGguf } from "./gguf-reader.js";
import type { GgufType, GgufValue } from "./gguf-types.js";
import { ggufValue as v, type GgufTypedValue } from "./gguf-typed-value.js";

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "paddock-gguf-errors-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A complete file in memory: header plus zero-filled tensor data. */
function buildFile(metadata: Record<string, GgufTypedValue>, tensors: GgufTensorDescription[] = []): Buffer {
  const header = encodeGgufHeader({ metadata, tensors });
  return Buffer.concat([header.bytes, Buffer.alloc(header.dataSize)]);
}

async function expectRejected(bytes: Uint8Array, message: RegExp): Promise<void> {
  const path = join(dir, `case-${counter++}.gguf`);
  await writeFile(path, bytes);
  await assert.rejects(readGguf(path), (error: unknown) => {
    assert.ok(error instanceof GgufError, `expected a GgufError, got ${String(error)}`);
    assert.match(error.message, message);
    assert.equal(error.path, path);
    return true;
  });
}

/** Where the fields of a tensor's table entry are, found by its (unique) name. */
function tensorEntry(bytes: Buffer, name: string) {
  const nameAt = bytes.indexOf(Buffer.from(name));
  assert.ok(nameAt > 0, `tensor ${name} not found`);
  const nDimsAt = nameAt + Buffer.byteLength(name);
  const nDims = bytes.readUInt32LE(nDimsAt);
  const typeAt = nDimsAt + 4 + 8 * nDims;
  return { nameLengthAt: nameAt - 8, nDimsAt, dimsAt: nDimsAt + 4, typeAt, offsetAt: typeAt + 4 };
}

/** Offset of the value type id that follows a metadata key. */
function valueTypeAt(bytes: Buffer, key: string): number {
  const keyAt = bytes.indexOf(Buffer.from(key));
  assert.ok(keyAt > 0, `key ${key} not found`);
  return keyAt + Buffer.byteLength(key);
}

const baseMetadata: Record<string, GgufTypedValue> = {
  "general.architecture": v.string("llama"),
  "test.count": v.uint32(7),
  "test.tokens": v.array("string", ["a", "bb", "ccc"]),
  "test.scores": v.array("float32", [1, 2, 3]),
};
// The last tensor is exactly 32 bytes so the file has no trailing padding: every byte counts.
const baseTensors: GgufTensorDescription[] = [
  { name: "tensor.first", type: "F32", dims: [3, 2] },
  { name: "tensor.second", type: "F32", dims: [8] },
];
const base = () => buildFile(baseMetadata, baseTensors);

test("the untouched base file is accepted", async () => {
  const path = join(dir, "base.gguf");
  await writeFile(path, base());
  const file = await readGguf(path);
  assert.equal(file.tensors.length, 2);
  assert.equal(file.tensors[1].fileOffset + file.tensors[1].byteSize, file.fileSize);
});

test("a file cut short anywhere is refused", async () => {
  const bytes = base();
  for (let cut = 0; cut < bytes.length; cut++) {
    await expectRejected(bytes.subarray(0, cut), /truncated|not a GGUF file|impossible|claims to be/);
  }
});

test("wrong magic and unsupported versions are refused", async () => {
  const bytes = base();
  await expectRejected(Buffer.concat([Buffer.from("GGML"), bytes.subarray(4)]), /not a GGUF file: it starts with "GGML"/);
  await expectRejected(Buffer.from("PK\u0003\u0004 a zip file, not a model"), /not a GGUF file/);
  for (const [version, message] of [
    [1, /version 1 is no longer supported/],
    [4, /unsupported GGUF version 4/],
    [0, /unsupported GGUF version 0/],
  ] as const) {
    const copy = Buffer.from(bytes);
    copy.writeUInt32LE(version, 4);
    await expectRejected(copy, message);
  }
});

test("absurd counts and lengths are refused before anything is allocated", async () => {
  const bytes = base();
  const cases: [string, (b: Buffer) => void, RegExp][] = [
    ["tensor count", (b) => b.writeBigUInt64LE(1n << 40n, 8), /tensor count 1099511627776 is impossible/],
    ["tensor count beyond 2^53", (b) => b.writeBigUInt64LE(1n << 62n, 8), /tensor count \d+ is impossible/],
    ["metadata count", (b) => b.writeBigUInt64LE(1n << 40n, 16), /metadata entry count \d+ is impossible/],
    ["key length", (b) => b.writeBigUInt64LE(1n << 40n, 24), /metadata key #0 claims to be 1099511627776 bytes long/],
    [
      "string value length",
      (b) => b.writeBigUInt64LE(1n << 40n, valueTypeAt(b, "general.architecture") + 4),
      /metadata "general.architecture" claims to be 1099511627776 bytes long/,
    ],
    [
      "string value length just past the end",
      (b) => b.writeBigUInt64LE(BigInt(b.length), valueTypeAt(b, "general.architecture") + 4),
      /only \d+ bytes are left in the file/,
    ],
    [
      "array item count",
      (b) => b.writeBigUInt64LE(1n << 50n, valueTypeAt(b, "test.tokens") + 8),
      /item count of metadata "test.tokens" 1125899906842624 is impossible/,
    ],
    [
      "array item count beyond 2^64/2",
      (b) => b.writeBigUInt64LE(0xffffffffffffffffn, valueTypeAt(b, "test.scores") + 8),
      /item count of metadata "test.scores" \d+ is impossible/,
    ],
    [
      "string inside an array",
      (b) => b.writeBigUInt64LE(1n << 33n, valueTypeAt(b, "test.tokens") + 16),
      /item 0 of metadata "test.tokens" claims to be 8589934592 bytes long/,
    ],
    [
      "tensor dimension",
      (b) => b.writeBigUInt64LE(1n << 62n, tensorEntry(b, "tensor.first").dimsAt),
      /impossible dimension/,
    ],
    [
      "tensor larger than the file",
      (b) => b.writeBigUInt64LE(1n << 40n, tensorEntry(b, "tensor.first").dimsAt),
      /larger than the whole file/,
    ],
  ];
  for (const [what, patch, message] of cases) {
    const copy = Buffer.from(bytes);
    patch(copy);
    await expectRejected(copy, message).catch((error: unknown) => {
      throw new Error(`case "${what}": ${String(error)}`);
    });
  }
});

test("bad tensor offsets are refused", async () => {
  const bytes = base();
  const second = tensorEntry(bytes, "tensor.second");
  const cases: [bigint, RegExp][] = [
    [33n, /data offset 33, not a multiple of the alignment 32/],
    [64n, /data offset 64 but tensors must be packed in order; expected 32/],
    [1n << 40n, /data offset 1099511627776, beyond the end of the file/],
    [1n << 63n, /beyond the end of the file/],
  ];
  for (const [offset, message] of cases) {
    const copy = Buffer.from(bytes);
    copy.writeBigUInt64LE(offset, second.offsetAt);
    await expectRejected(copy, message);
  }
  // In bounds of the file as a whole but the data would run past its end.
  const grown = Buffer.from(bytes);
  grown.writeBigUInt64LE(16n, second.dimsAt); // 64 bytes instead of 32
  await expectRejected(grown, /file is truncated: tensor "tensor.second" needs bytes/);
});

test("bad tensor table entries are refused", async () => {
  const bytes = base();
  const first = tensorEntry(bytes, "tensor.first");
  const patchU32 = (at: number, value: number) => {
    const copy = Buffer.from(bytes);
    copy.writeUInt32LE(value, at);
    return copy;
  };
  await expectRejected(patchU32(first.typeAt, 99), /tensor "tensor.first" has unknown or removed ggml type id 99/);
  await expectRejected(patchU32(first.typeAt, 4), /unknown or removed ggml type id 4/); // Q4_2, long gone
  await expectRejected(patchU32(first.typeAt, 31), /unknown or removed ggml type id 31/); // Q4_0_4_4
  await expectRejected(patchU32(first.typeAt, 8), /rows of 3 elements, not a multiple of its block size 32/);
  await expectRejected(patchU32(first.nDimsAt, 5), /has 5 dimensions; at most 4 are allowed/);
  const longName = Buffer.from(bytes);
  longName.writeBigUInt64LE(64n, first.nameLengthAt);
  await expectRejected(longName, /the name of tensor #0 claims to be 64 bytes long, more than the allowed 63/);

  const twins = buildFile(baseMetadata, [
    { name: "twin.1", type: "F32", dims: [8] },
    { name: "twin.2", type: "F32", dims: [8] },
  ]);
  twins.write("1", twins.indexOf("twin.2") + 5);
  await expectRejected(twins, /duplicate tensor name "twin.1"/);
});

test("bad metadata is refused", async () => {
  const bytes = base();
  const unknownType = Buffer.from(bytes);
  unknownType.writeUInt32LE(13, valueTypeAt(bytes, "test.count"));
  await expectRejected(unknownType, /metadata "test.count" has unknown value type 13/);
  const unknownItemType = Buffer.from(bytes);
  unknownItemType.writeUInt32LE(77, valueTypeAt(bytes, "test.tokens") + 4);
  await expectRejected(unknownItemType, /an item of metadata "test.tokens" has unknown value type 77/);

  const dup = buildFile({ "dup.1": v.uint8(1), "dup.2": v.uint8(2) });
  dup.write("1", dup.indexOf("dup.2") + 4);
  await expectRejected(dup, /duplicate metadata key "dup.1"/);

  const emptyKey = buildFile({ k: v.uint8(1) });
  emptyKey.writeBigUInt64LE(0n, 24); // key length 0; the "k" byte then reads as part of the type
  await expectRejected(emptyKey, /metadata key #0 is empty/);

  let deep: GgufValue = [1];
  let deepType: GgufType = { arrayOf: "uint8" };
  for (let i = 0; i < 20; i++) {
    deep = [deep];
    deepType = { arrayOf: deepType };
  }
  await expectRejected(buildFile({ deep: { type: deepType, value: deep } }), /nests arrays more than 16 deep/);
});

test("a bad general.alignment is refused", async () => {
  const bytes = buildFile({ "general.alignment": v.uint32(64) }, [{ name: "w", type: "F32", dims: [16] }]);
  const typeAt = valueTypeAt(bytes, "general.alignment");
  const signed = Buffer.from(bytes);
  signed.writeUInt32LE(5, typeAt); // int32 instead of uint32
  await expectRejected(signed, /general.alignment must be a uint32/);
  for (const alignment of [0, 48]) {
    const odd = Buffer.from(bytes);
    odd.writeUInt32LE(alignment, typeAt + 4);
    await expectRejected(odd, new RegExp(`general.alignment ${alignment} is not a power of two`));
  }
});
