import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256File, startTestEngine, type TestEngine } from "../../app/testing/test-engine.js";
import { testModelPath } from "../../app/testing/test-model-file.js";
import type { ProgressStep } from "./progress-throttle.js";
import { importGguf } from "./gguf-import.js";

let engine: TestEngine;
let scratch: string;
before(async () => {
  engine = await startTestEngine();
  scratch = await mkdtemp(join(tmpdir(), "paddock-import-test-"));
});
after(async () => {
  await engine.close();
  await rm(scratch, { recursive: true, force: true });
});

async function tags(): Promise<string[]> {
  const body = (await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Array<{ name: string }> };
  return body.models.map((model) => model.name);
}

test("a GGUF file is hashed, uploaded as a blob and made into a model, with progress", async () => {
  const path = await testModelPath();
  const steps: ProgressStep[] = [];
  const result = await importGguf({ engineUrl: engine.url, path, model: "imported", onProgress: (step) => steps.push(step) });
  assert.deepEqual(result, { model: "imported", digest: await sha256File(path) });
  assert.ok((await tags()).includes("imported:latest"));

  const phases = [...new Set(steps.map((step) => step.phase))];
  assert.deepEqual(phases, ["hashing", "uploading", "creating"]);
  const lastUpload = steps.filter((step) => step.phase === "uploading").at(-1)!;
  assert.ok(lastUpload.total! > 0 && lastUpload.completed === lastUpload.total);
  assert.equal(steps.at(-1)!.status, "success");
  // The engine now really has the blob.
  assert.equal((await fetch(`${engine.url}/api/blobs/${result.digest}`, { method: "HEAD" })).status, 200);
});

test("importing the same file again skips the upload and just creates the model", async () => {
  const path = await testModelPath();
  const steps: ProgressStep[] = [];
  await importGguf({ engineUrl: engine.url, path, model: "again", onProgress: (step) => steps.push(step) });
  const uploads = steps.filter((step) => step.phase === "uploading");
  assert.deepEqual(uploads.map((step) => step.completed === step.total), [false, true]);
  assert.ok((await tags()).includes("again:latest"));
});

test("a file that is not GGUF is refused before anything is sent", async () => {
  const path = join(scratch, "not-a-model.gguf");
  await writeFile(path, "hello, I am text");
  await assert.rejects(importGguf({ engineUrl: engine.url, path, model: "bad" }), /is not a GGUF file/);
});

test("an invalid model name is refused", async () => {
  await assert.rejects(importGguf({ engineUrl: engine.url, path: await testModelPath(), model: "no spaces/allowed here!" }), /not a valid model name/);
});

test("the engine's own refusal reaches the caller", async () => {
  // GGUF magic, then garbage: the engine cannot parse it.
  const path = join(scratch, "broken.gguf");
  await writeFile(path, Buffer.concat([Buffer.from("GGUF"), Buffer.alloc(64, 7)]));
  await assert.rejects(importGguf({ engineUrl: engine.url, path, model: "broken" }), /creating broken failed: /);
});
