import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { readGguf } from "./gguf-reader.js";
import { dequantizeRowQ8_0, q8_0RowBytes, quantizeRowQ8_0 } from "./quantize-q8_0.js";
import { writeTestModel } from "./test-model.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "paddock-q8-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("Q8_0 blocks: a half scale of max|x|/127, then values rounded half away from zero", () => {
  const values = new Float32Array(32);
  values[0] = 127;
  values[1] = -127;
  values[2] = 2.5;
  values[3] = -2.5;
  values[4] = 0.4;
  const bytes = quantizeRowQ8_0(values, new Uint8Array(q8_0RowBytes(32)));
  assert.equal(bytes.length, 34);
  assert.equal(bytes[0] | (bytes[1] << 8), 0x3c00); // d = 1.0 as a half
  const q = new Int8Array(bytes.buffer, bytes.byteOffset + 2, 32);
  assert.deepEqual([...q.slice(0, 6)], [127, -127, 3, -3, 0, 0]);
});

test("Q8_0 round trip stays within half a step of every value; an all-zero block stays zero", () => {
  const values = new Float32Array(96);
  for (let i = 0; i < 64; i++) values[i] = Math.sin(i * 1.7) * (i + 1) * 0.01;
  const bytes = quantizeRowQ8_0(values, new Uint8Array(q8_0RowBytes(96)));
  const back = dequantizeRowQ8_0(bytes, 96);
  for (let block = 0; block < 96; block += 32) {
    const amax = Math.max(...values.slice(block, block + 32).map(Math.abs));
    for (let i = block; i < block + 32; i++) assert.ok(Math.abs(back[i] - values[i]) <= (amax / 127) * 0.51 + 1e-6, `value ${i}`);
  }
  assert.ok(back.slice(64).every((value) => value === 0));
  assert.throws(() => q8_0RowBytes(48), RangeError);
});

test("writeTestModel writes Q8_0 matrices deterministically, norms stay F32", async () => {
  const sha = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");
  const [a, b] = [join(dir, "a.gguf"), join(dir, "b.gguf")];
  const info = await writeTestModel(a, { fileType: "Q8_0" });
  await writeTestModel(b, { fileType: "Q8_0" });
  assert.equal(await sha(a), await sha(b));
  const file = await readGguf(a, { maxArrayLength: 0 });
  assert.equal(file.metadata["general.file_type"], 7);
  for (const t of file.tensors) assert.equal(t.typeName, t.dims.length === 1 ? "F32" : "Q8_0", t.name);
  assert.equal(info.fileSize, (await readFile(a)).length);
});
