import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { GgufError } from "./gguf-error.js";
import { readGguf } from "./gguf-reader.js";
import { GgufArraySummary } from "./gguf-types.js";
import { ggufValue as v } from "./gguf-typed-value.js";
import { writeGguf } from "./gguf-writer.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "paddock-gguf-writer-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("streams tensor data from generators without needing it all at once", async () => {
  const path = join(dir, "streamed.gguf");
  const rows = 1024;
  const cols = 256;
  let produced = 0;
  function* rowsOf() {
    const row = new Float32Array(cols); // one scratch row, reused for every chunk
    for (let r = 0; r < rows; r++) {
      row.fill(r);
      produced++;
      yield new Uint8Array(row.buffer);
    }
  }
  const result = await writeGguf(path, {
    metadata: { "general.architecture": v.string("test") },
    tensors: [{ name: "m", type: "F32", dims: [cols, rows], data: rowsOf }],
  });
  assert.equal(produced, rows);
  const file = await readGguf(path);
  assert.equal(result.fileSize, file.fileSize);
  assert.equal(result.dataOffset, file.dataOffset);
  const raw = await readFile(path);
  const data = new Float32Array(raw.buffer.slice(raw.byteOffset + file.dataOffset, raw.byteOffset + file.dataOffset + rows * cols * 4));
  for (const r of [0, 1, 500, rows - 1]) assert.equal(data[r * cols + 7], r);
});

test("wrong amounts of tensor data are refused and leave nothing behind", async () => {
  const path = join(dir, "short.gguf");
  await writeFile(path, "previous contents");
  for (const data of [new Uint8Array(8), new Uint8Array(20), [new Uint8Array(12), new Uint8Array(1)]]) {
    await assert.rejects(
      writeGguf(path, { metadata: {}, tensors: [{ name: "t", type: "F32", dims: [3], data }] }),
      (error: unknown) => error instanceof GgufError && /tensor "t" \(F32 \[3\]\) needs 12 bytes of data/.test(error.message),
    );
  }
  // The old file is untouched and no temporary file is left over.
  assert.equal(await readFile(path, "utf8"), "previous contents");
  assert.deepEqual(await readdir(dir).then((names) => names.filter((n) => n.includes("short"))), ["short.gguf"]);
});

test("a generator that throws aborts the write and removes the temporary file", async () => {
  const path = join(dir, "failing.gguf");
  await assert.rejects(
    writeGguf(path, {
      metadata: {},
      tensors: [
        {
          name: "t",
          type: "F32",
          dims: [4],
          data: function* () {
            yield new Uint8Array(4);
            throw new Error("source went away");
          },
        },
      ],
    }),
    /source went away/,
  );
  assert.deepEqual(await readdir(dir).then((names) => names.filter((n) => n.includes("failing"))), []);
});

test("values that do not fit their declared type are refused", async () => {
  const path = join(dir, "bad-values.gguf");
  const cases = [
    [{ x: v.uint8(256) }, /"x": 256 does not fit in uint8/],
    [{ x: v.int8(-129) }, /does not fit in int8/],
    [{ x: v.uint32(-1) }, /does not fit in uint32/],
    [{ x: v.int32(1.5) }, /expected an integer for int32, got 1.5/],
    [{ x: v.uint32(2n as unknown as number) }, /expected an integer for uint32/],
    [{ x: v.uint64(-1n) }, /does not fit in uint64/],
    [{ x: v.int64(2n ** 63n) }, /does not fit in int64/],
    [{ x: { type: "string", value: 5 } }, /expected a string, got number/],
    [{ x: { type: "bool", value: 1 } }, /expected a boolean/],
    [{ x: v.array("uint16", [1, 70000]) }, /70000 does not fit in uint16/],
    [{ x: { type: { arrayOf: "string" }, value: "abc" } }, /expected an array/],
    [{ x: { type: { arrayOf: "string" }, value: new GgufArraySummary("string", 3) } }, /summarised array cannot be written/],
    [{ "": v.uint8(1) }, /keys must not be empty/],
    [{ "general.alignment": v.uint32(48) }, /general.alignment must be a uint32 power of two/],
    [{ "general.alignment": v.uint64(64) }, /general.alignment must be a uint32 power of two/],
  ] as const;
  for (const [metadata, message] of cases) {
    await assert.rejects(writeGguf(path, { metadata }), (error: unknown) => error instanceof GgufError && message.test(error.message));
  }
});

test("impossible tensors are refused", async () => {
  const path = join(dir, "bad-tensors.gguf");
  const data = new Uint8Array(0);
  const cases = [
    [{ name: "q", type: "Q8_0", dims: [16], data }, /shape \[16\] is not valid for Q8_0 \(block size 32\)/],
    [{ name: "u", type: "Q9_9", dims: [1], data }, /unknown ggml type Q9_9/],
    [{ name: "u", type: 4, dims: [1], data }, /unknown ggml type 4/],
    [{ name: "d", type: "F32", dims: [], data }, /needs 1 to 4 dimensions, got 0/],
    [{ name: "d", type: "F32", dims: [1, 1, 1, 1, 1], data }, /needs 1 to 4 dimensions, got 5/],
    [{ name: "d", type: "F32", dims: [-1], data }, /dimensions must be non-negative integers/],
    [{ name: "n".repeat(64), type: "F32", dims: [1], data }, /names are limited to 63 bytes/],
  ] as const;
  for (const [tensor, message] of cases) {
    await assert.rejects(writeGguf(path, { metadata: {}, tensors: [tensor] }), (error: unknown) => error instanceof GgufError && message.test(error.message));
  }
  await assert.rejects(
    writeGguf(path, {
      metadata: {},
      tensors: [
        { name: "same", type: "F32", dims: [1], data: new Uint8Array(4) },
        { name: "same", type: "F32", dims: [1], data: new Uint8Array(4) },
      ],
    }),
    /duplicate tensor name "same"/,
  );
});
