import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";
import { readLines, type Line } from "../testing/registry/ndjson-reader.js";
import { TestRegistry, type RegistryModes } from "../testing/registry/test-registry.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function start(modes: Partial<RegistryModes> = {}): Promise<{ registry: TestRegistry; engine: TestEngine; model: string }> {
  const registry = await TestRegistry.start(modes);
  cleanups.push(() => registry.close());
  const engine = await startTestEngine();
  cleanups.push(() => engine.close());
  engine.engine.downloads.options.timings.progressIntervalMs = 20;
  const model = `${registry.host}/me/tiny:v1`;
  await createModelFromFile(engine, model, await testModelPath(), { system: "Be brief.", parameters: { temperature: 0.2 } });
  return { registry, engine, model };
}

function push(engine: TestEngine, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${engine.url}/api/push`, { method: "POST", body: JSON.stringify(body) });
}

async function localManifest(engine: TestEngine, registry: TestRegistry): Promise<Buffer> {
  return readFile(join(engine.modelsDir, "manifests", registry.host, "me", "tiny", "v1"));
}

describe("POST /api/push", () => {
  test("uploads every blob and then the manifest; a pull elsewhere gets the same model", async () => {
    const { registry, engine, model } = await start();
    const lines = await readLines(await push(engine, { model, insecure: true }));
    const statuses = lines.map((line) => line.status);
    assert.equal(statuses[0], "retrieving manifest");
    assert.deepEqual(statuses.slice(-2), ["pushing manifest", "success"]);
    const raw = await localManifest(engine, registry);
    const manifest = JSON.parse(raw.toString()) as { config: Line; layers: Line[] };
    for (const layer of [...manifest.layers, manifest.config]) {
      const own = lines.filter((line) => line.digest === layer.digest);
      assert.deepEqual(own[own.length - 1], { status: `pushing ${layer.digest.slice(7, 19)}`, digest: layer.digest, total: layer.size, completed: layer.size });
      assert.equal(registry.blobs.get(layer.digest)?.size, layer.size);
    }
    assert.deepEqual(registry.manifests.get("me/tiny:v1"), raw);
    const put = registry.log.find((entry) => entry.method === "PUT" && entry.path.includes("/manifests/"))!;
    assert.equal(put.path, "/v2/me/tiny/manifests/v1");

    const other = await startTestEngine();
    cleanups.push(() => other.close());
    const pulled = await readLines(await fetch(`${other.url}/api/pull`, { method: "POST", body: JSON.stringify({ model, insecure: true }) }));
    assert.equal(pulled[pulled.length - 1].status, "success");
    const tags = async (target: TestEngine) => ((await (await fetch(`${target.url}/api/tags`)).json()) as { models: Line[] }).models[0].digest;
    assert.equal(await tags(other), await tags(engine));
  });

  test("blobs the registry already has are not sent again", async () => {
    const { registry, engine, model } = await start();
    await readLines(await push(engine, { model, insecure: true }));
    const before = registry.log.length;
    const lines = await readLines(await push(engine, { model, insecure: true, stream: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    const later = registry.log.slice(before);
    assert.ok(later.every((entry) => entry.method === "HEAD" || entry.path.includes("/manifests/")), JSON.stringify(later));
  });

  test("big blobs go up as PATCH parts with Content-Range, closed by a PUT with the digest", async () => {
    const { registry, engine, model } = await start();
    engine.engine.downloads.options.sizing = { ...engine.engine.downloads.options.sizing, minPartBytes: 200 * 1024 };
    const reply = await push(engine, { model, insecure: true, stream: false });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get("content-type"), "application/json");
    assert.deepEqual(await reply.json(), { status: "success" });
    const patches = registry.log.filter((entry) => entry.method === "PATCH");
    assert.ok(patches.length > 3, `${patches.length} PATCH requests`);
    const finishes = registry.log.filter((entry) => entry.method === "PUT" && entry.path.includes("/uploads/"));
    assert.ok(finishes.every((entry) => /[?&]digest=sha256%3A[0-9a-f]{64}/.test(entry.path) && entry.status === 201));
  });

  test("a layer that came from another model is mounted instead of uploaded", async () => {
    const { registry, engine, model } = await start();
    await readLines(await push(engine, { model, insecure: true }));
    const derived = `${registry.host}/me/derived:v1`;
    const created = await engine.post("/api/create", { model: derived, from: model, system: "Other.", stream: false });
    assert.equal(created.status, 200);
    const before = registry.log.length;
    const lines = await readLines(await push(engine, { model: derived, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    const mounts = registry.log.slice(before).filter((entry) => entry.method === "POST" && entry.path.includes("mount="));
    assert.ok(mounts.length > 0 && mounts.every((entry) => entry.status === 201 && entry.path.includes("from=me%2Ftiny")), JSON.stringify(mounts));
  });

  test("a registry asking for a token gets one, and the push goes through", async () => {
    const { registry, engine, model } = await start({ auth: { token: "pushing" } });
    const lines = await readLines(await push(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    assert.ok(registry.log.some((entry) => entry.path.startsWith("/token")));
    assert.ok(registry.log.filter((entry) => entry.method === "PATCH").every((entry) => entry.authorization === "Bearer pushing"));
  });

  test("errors: no name is 400; an unknown model fails in the stream", async () => {
    const { registry, engine } = await start();
    const empty = await push(engine, {});
    assert.equal(empty.status, 400);
    assert.deepEqual(await empty.json(), { error: "model is required" });
    const lines = await readLines(await push(engine, { model: `${registry.host}/me/none:v1`, insecure: true }));
    assert.deepEqual(lines.slice(0, 2), [{ status: "retrieving manifest" }, { status: "couldn't retrieve manifest" }]);
    assert.match(lines[2].error, /^open .*manifests.*none.*v1: no such file or directory$/);
  });
});
