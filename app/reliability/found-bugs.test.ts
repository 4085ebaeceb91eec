// Minimal tests for the bugs the hard suite (npm run test:hard) found, so `npm test` keeps them fixed.
// Each names the file the fix went into; docs/reliability.md tells the story.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_JSON_BODY_BYTES, parseJsonText } from "../server/json-body.js";
import { ApiError } from "../server/api-error.js";
import { createModelFromFile, sha256File, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";
import { deeplyNested } from "./fuzz-values.js";
import { rawRequest } from "./raw-http.js";
import { writeAbortingModel } from "../testing/aborting-model.js";
import { ModelProbeCache } from "../runtime/model-probe.js";

/** Streams `total` bytes as a chunked body; resolves with the status and how much had been written when it came. */
function chunkedUpload(url: string, total: number, onTick: () => void): Promise<{ status: number; writtenWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(url, { method: "POST", headers: { "transfer-encoding": "chunked" } }, (res) => {
      answered = true;
      const writtenWhenAnswered = written;
      res.resume();
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, writtenWhenAnswered });
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const pump = () => {
      while (!answered && written < total) {
        onTick();
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.write('{"model":"x","prompt":"');
    pump();
  });
}

describe("bugs found by the hard suite", () => {
  let engine: TestEngine;
  let uiDir: string;

  before(async () => {
    uiDir = await mkdtemp(join(tmpdir(), "paddock-ui-"));
    await writeFile(join(uiDir, "index.html"), "<!doctype html>");
    engine = await startTestEngine({ PADDOCK_UI_DIR: uiDir });
  });
  after(async () => {
    await engine.close();
    await rm(uiDir, { recursive: true, force: true });
  });

  test("a chunked body (no Content-Length) is refused once it passes the limit, not buffered whole (json-body.ts)", async () => {
    let peak = 0;
    const total = MAX_JSON_BODY_BYTES * 3;
    const baseline = process.memoryUsage().arrayBuffers;
    const { status, writtenWhenAnswered } = await chunkedUpload(`${engine.url}/api/generate`, total, () => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
    });
    assert.equal(status, 413);
    assert.ok(writtenWhenAnswered < total, `answered only after all ${total} bytes were sent`);
    // The old code held the whole body (and a copy) before looking at its size.
    assert.ok(peak < MAX_JSON_BODY_BYTES * 2, `server-side buffers peaked at ${peak} bytes`);
  });

  test("JSON nested deeper than the engine's recursion can take is a 400, not a 500 stack overflow (json-body.ts)", async () => {
    assert.throws(() => parseJsonText(deeplyNested(20_000, "array")), (error: unknown) => error instanceof ApiError && error.status === 400 && /exceeded max depth/.test(error.message));
    assert.doesNotThrow(() => parseJsonText(deeplyNested(500, "mixed")));
    // Brackets inside strings do not count.
    assert.doesNotThrow(() => parseJsonText(JSON.stringify({ text: "[".repeat(50_000) })));
    const format = deeplyNested(6_000, "object", '{"type":"string"}');
    const reply = await engine.post("/api/generate", `{"model":"tiny","prompt":"hi","format":${format}}`);
    assert.equal(reply.status, 400);
    assert.match(((await reply.json()) as { error: string }).error, /exceeded max depth/);
  });

  test("a model file that no longer reads as GGUF is a clear 500 load error, not \"does not support generate\" (model-catalog.ts, generate and chat routes)", async () => {
    const source = await testModelPath({ seed: 11 });
    await createModelFromFile(engine, "broken", source);
    await truncate(join(engine.modelsDir, "blobs", (await sha256File(source)).replace(":", "-")), 1000);
    for (const [path, body] of [
      ["/api/generate", { model: "broken", prompt: "hi" }],
      ["/api/chat", { model: "broken", messages: [{ role: "user", content: "hi" }] }],
    ] as const) {
      const reply = await engine.post(path, body);
      assert.equal(reply.status, 500, path);
      assert.match(((await reply.json()) as { error: string }).error, /^unable to load model: /, path);
    }
  });

  test("a malformed %-escape under /app/ is a 400, not a 500 URIError (ui-route.ts)", async () => {
    for (const path of ["/app/%ff", "/app/%E0%A4%A", "/app/%"]) {
      const reply = await rawRequest(engine.url, { method: "GET", path });
      assert.equal(reply.status, 400, path);
    }
    assert.equal((await rawRequest(engine.url, { method: "GET", path: "/app/%2e%2e%2fsecret" })).status, 200);
  });

  test("a checked model whose file later changes in place is checked again, so llama.cpp cannot abort the engine (model-probe.ts)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paddock-probe-cache-"));
    try {
      const blob = join(dir, `sha256-${"a".repeat(64)}`);
      await copyFile(await testModelPath(), blob);
      await new ModelProbeCache(join(dir, "checked")).ensureLoadable(blob);
      // Same name, other bytes: a restored backup, a tool writing in place, disk corruption.
      await writeAbortingModel(join(dir, "abort.gguf"));
      await copyFile(join(dir, "abort.gguf"), blob);
      // A fresh cache over the same folder is what a restarted engine has.
      await assert.rejects(new ModelProbeCache(join(dir, "checked")).ensureLoadable(blob), /llama runner process has terminated: GGML_ASSERT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
