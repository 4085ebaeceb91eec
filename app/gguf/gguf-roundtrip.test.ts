import assert from "node:assert/strict";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { encodeGgufHeader } from "./gguf-header-encoder.js";
import { readGguf } from "./gguf-reader.js";
import { GgufArraySummary } from "./gguf-types.js";
import { ggufValue as v, type GgufTypedValue } from "./gguf-typed-value.js";
import { writeGguf } from "./gguf-writer.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "paddock-gguf-roundtrip-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const everyType: Record<string, GgufTypedValue> = {
  "general.architecture": v.string("llama"),
  "t.uint8": v.uint8(255),
  "t.int8": v.int8(-128),
  "t.uint16": v.uint16(65535),
  "t.int16": v.int16(-32768),
  "t.uint32": v.uint32(4294967295),
  "t.int32": v.int32(-2147483648),
  "t.float32": v.float32(0.1),
  "t.float64": v.float64(Math.PI),
  "t.bool.true": v.bool(true),
  "t.bool.false": v.bool(false),
  "t.string": v.string("héllo ▁wörld 🦙"),
  "t.string.empty": v.string(""),
  "t.uint64.small": v.uint64(2 ** 53 - 1),
  "t.uint64.big": v.uint64(2n ** 64n - 1n),
  "t.int64.small": v.int64(-(2 ** 53 - 1)),
  "t.int64.big": v.int64(-(2n ** 63n)),
  "t.array.uint8": v.array("uint8", [0, 1, 255]),
  "t.array.int32": v.array("int32", [-1, 0, 1]),
  "t.array.float32": v.array("float32", [0.5, -2]),
  "t.array.bool": v.array("bool", [true, false]),
  "t.array.string": v.array("string", ["a", "", "ü"]),
  "t.array.uint64": v.array("uint64", [1, 2n ** 63n]),
  "t.array.empty": v.array("string", []),
  "t.array.nested": v.array({ arrayOf: "int16" }, [[1, -2], [], [3]]),
};

test("every metadata value type survives a write/read round trip", async () => {
  const path = join(dir, "types.gguf");
  await writeGguf(path, { metadata: everyType });
  const file = await readGguf(path);
  assert.equal(file.version, 3);
  assert.equal(file.byteOrder, "little-endian");
  assert.equal(file.tensorCount, 0);
  assert.deepEqual(file.tensors, []);
  assert.deepEqual(Object.keys(file.metadata), Object.keys(everyType));
  for (const [key, typed] of Object.entries(everyType)) {
    assert.deepEqual(file.metadataTypes[key], typed.type, key);
  }
  const m = file.metadata;
  assert.equal(m["t.float32"], Math.fround(0.1));
  assert.equal(m["t.uint64.small"], 2 ** 53 - 1);
  assert.equal(typeof m["t.uint64.small"], "number");
  assert.equal(m["t.uint64.big"], 2n ** 64n - 1n);
  assert.equal(m["t.int64.small"], -(2 ** 53 - 1));
  assert.equal(m["t.int64.big"], -(2n ** 63n));
  assert.deepEqual(m["t.array.uint64"], [1, 2n ** 63n]);
  assert.deepEqual(m["t.array.nested"], [[1, -2], [], [3]]);
  for (const key of ["t.uint8", "t.int8", "t.uint16", "t.int16", "t.uint32", "t.int32", "t.float64", "t.string"]) {
    assert.equal(m[key], everyType[key].value, key);
  }
  assert.equal(m["t.bool.true"], true);
  assert.equal(m["t.bool.false"], false);
  assert.deepEqual(m["t.array.string"], ["a", "", "ü"]);
});

test("maxArrayLength summarises long arrays and keeps short ones", async () => {
  const path = join(dir, "types.gguf");
  await writeGguf(path, { metadata: everyType });
  const file = await readGguf(path, { maxArrayLength: 2 });
  assert.deepEqual(file.metadata["t.array.float32"], [0.5, -2]);
  assert.deepEqual(file.metadata["t.array.string"], new GgufArraySummary("string", 3));
  assert.deepEqual(file.metadata["t.array.uint8"], new GgufArraySummary("uint8", 3));
  assert.deepEqual(file.metadata["t.array.nested"], new GgufArraySummary({ arrayOf: "int16" }, 3));
  assert.deepEqual(file.metadata["t.array.empty"], []);
  // Entries after summarised arrays are still read correctly.
  assert.equal(file.metadata["t.array.uint64"] instanceof GgufArraySummary, false);
  const none = await readGguf(path, { maxArrayLength: 0 });
  assert.deepEqual(none.metadata["t.array.bool"], new GgufArraySummary("bool", 2));
  assert.deepEqual(none.metadata["t.array.empty"], []);
});

test("tensor data lands aligned at the offsets the reader reports", async () => {
  const path = join(dir, "tensors.gguf");
  const a = new Uint8Array(12).map((_, i) => i + 1);
  const b = new Uint8Array(2 * 34).map((_, i) => 255 - i);
  await writeGguf(path, {
    metadata: { "general.architecture": v.string("test"), "general.alignment": v.uint32(64) },
    tensors: [
      { name: "a", type: "F32", dims: [3], data: a },
      {
        name: "b",
        type: 8, // Q8_0 by id
        dims: [32, 2],
        data: async function* () {
          yield b.subarray(0, 10);
          yield b.subarray(10);
        },
      },
    ],
  });
  const file = await readGguf(path);
  assert.equal(file.alignment, 64);
  assert.equal(file.dataOffset % 64, 0);
  const [ta, tb] = file.tensors;
  assert.deepEqual(
    { name: ta.name, dims: ta.dims, type: ta.type, typeName: ta.typeName, offset: ta.offset, elements: ta.elementCount, bytes: ta.byteSize },
    { name: "a", dims: [3], type: 0, typeName: "F32", offset: 0, elements: 3, bytes: 12 },
  );
  assert.deepEqual(
    { typeName: tb.typeName, offset: tb.offset, elements: tb.elementCount, bytes: tb.byteSize },
    { typeName: "Q8_0", offset: 64, elements: 64, bytes: 68 },
  );
  const raw = await readFile(path);
  assert.deepEqual(new Uint8Array(raw.subarray(ta.fileOffset, ta.fileOffset + 12)), a);
  assert.deepEqual(new Uint8Array(raw.subarray(tb.fileOffset, tb.fileOffset + 68)), b);
  assert.equal(file.fileSize, raw.length);
});

test("a large vocabulary spanning many read windows is read in full", async () => {
  const path = join(dir, "vocab.gguf");
  // About 2 MB of strings: well past the reader's 1 MiB window, with strings straddling refills.
  const tokens = Array.from({ length: 20_000 }, (_, i) => `token_${i}_${"x".repeat(i % 199)}`);
  const scores = tokens.map((_, i) => -i / 2);
  await writeGguf(path, {
    metadata: {
      "tokenizer.ggml.tokens": v.array("string", tokens),
      "tokenizer.ggml.scores": v.array("float32", scores),
      "after.vocab": v.string("still here"),
    },
  });
  const full = await readGguf(path);
  assert.deepEqual(full.metadata["tokenizer.ggml.tokens"], tokens);
  assert.deepEqual(full.metadata["tokenizer.ggml.scores"], scores);
  assert.equal(full.metadata["after.vocab"], "still here");
  const brief = await readGguf(path, { maxArrayLength: 5 });
  assert.deepEqual(brief.metadata["tokenizer.ggml.tokens"], new GgufArraySummary("string", 20_000));
  assert.equal(brief.metadata["after.vocab"], "still here");
});

test("the header of a 4 GB file is read quickly without touching its data", async () => {
  const path = join(dir, "huge.gguf");
  const header = encodeGgufHeader({
    metadata: { "general.architecture": v.string("llama") },
    tensors: [{ name: "big", type: "F32", dims: [1024, 1024, 1024] }],
  });
  await writeFile(path, header.bytes);
  const handle = await open(path, "r+");
  await handle.truncate(header.bytes.length + header.dataSize); // sparse: no disk used
  await handle.close();
  const started = performance.now();
  const file = await readGguf(path);
  assert.ok(performance.now() - started < 1000);
  assert.equal(file.fileSize, header.bytes.length + 4 * 1024 ** 3);
  assert.equal(file.tensors[0].byteSize, 4 * 1024 ** 3);
  assert.equal(file.tensors[0].elementCount, 1024 ** 3);
});

test("big-endian files are recognised and decoded", async () => {
  const path = join(dir, "big-endian.gguf");
  const parts: Buffer[] = [Buffer.from("GGUF", "latin1")];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    parts.push(b);
  };
  const u64 = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    parts.push(b);
  };
  const str = (s: string) => {
    u64(Buffer.byteLength(s));
    parts.push(Buffer.from(s));
  };
  u32(3); // version
  u64(0); // tensors
  u64(2); // metadata entries
  str("general.architecture");
  u32(8);
  str("llama");
  str("llama.context_length");
  u32(4);
  u32(4096);
  await writeFile(path, Buffer.concat(parts));
  const file = await readGguf(path);
  assert.equal(file.byteOrder, "big-endian");
  assert.deepEqual(file.metadata, { "general.architecture": "llama", "llama.context_length": 4096 });
});

test('a "__proto__" key is an ordinary entry, not a prototype swap', async () => {
  const path = join(dir, "proto.gguf");
  await writeGguf(path, { metadata: Object.fromEntries([["__proto__", v.string("x")], ["constructor", v.uint8(1)]]) });
  const file = await readGguf(path);
  assert.deepEqual(Object.keys(file.metadata), ["__proto__", "constructor"]);
  assert.equal(file.metadata["__proto__"], "x");
  assert.equal(Object.getPrototypeOf(file.metadata), Object.prototype);
  assert.equal(file.metadataTypes["constructor"], "uint8");
});
