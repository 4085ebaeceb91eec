import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { spawnEngine, type EngineProcess } from "../testing/registry/engine-process.js";
import { eventually, readLines, type Line } from "../testing/registry/ndjson-reader.js";
import { publishTestModel } from "../testing/registry/publish-test-model.js";
import { TestRegistry } from "../testing/registry/test-registry.js";
import { testModelPath } from "../testing/test-model-file.js";
import { createTestModel, generateOnce, postJson } from "./engine-fixture.js";
import { Histogram, mib, ms, report } from "./figures.js";
import { isolateFromHome, Random, sleep } from "./hard-env.js";
import { checkStore, shortLabel } from "./store-check.js";

const isolation = isolateFromHome();
const ROUNDS = 6;
const running: EngineProcess[] = [];

async function start(modelsDir: string): Promise<EngineProcess> {
  const engine = await spawnEngine(modelsDir);
  running.push(engine);
  return engine;
}

async function tags(url: string): Promise<string[]> {
  const body = (await (await fetch(`${url}/api/tags`)).json()) as { models: Array<{ name: string }> };
  return body.models.map((model) => model.name).sort();
}

/** Completed bytes saved in the part files of a blob's download, 0 when none are on disk yet. */
async function savedBytes(modelsDir: string, digest: string): Promise<number> {
  const prefix = `${digest.replace(":", "-")}-partial-`;
  const names = (await readdir(join(modelsDir, "blobs")).catch(() => [] as string[])).filter((name) => name.startsWith(prefix));
  let total = 0;
  for (const name of names) total += ((JSON.parse(await readFile(join(modelsDir, "blobs", name), "utf8")) as { Completed?: number }).Completed ?? 0);
  return total;
}

/** POSTs a blob in small pieces over about a second, as a slow `ollama create` upload does; never resolves badly. */
function slowUpload(url: string, bytes: Buffer): Promise<number> {
  const digest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  return new Promise((resolve) => {
    const req = request(`${url}/api/blobs/${digest}`, { method: "POST", headers: { "content-length": String(bytes.length) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("error", () => resolve(0));
    let offset = 0;
    const piece = Math.ceil(bytes.length / 20);
    const timer = setInterval(() => {
      if (offset >= bytes.length) {
        clearInterval(timer);
        req.end();
        return;
      }
      req.write(bytes.subarray(offset, offset + piece));
      offset += piece;
    }, 50);
    req.on("close", () => clearInterval(timer));
  });
}

/** Leftovers by kind: blob upload temps and partial downloads (startup maintenance removes them after an hour) and manifest temps. */
function leftoverKinds(paths: string[]): string {
  const kinds = new Histogram();
  for (const path of paths) kinds.add(path.startsWith("manifests/") ? "manifest temp" : path.includes("partial") ? "download part" : path.includes(".upload-") ? "upload temp" : "blob temp");
  return kinds.toString() || "none";
}

describe("kill -9 and restart", { timeout: 300_000 }, () => {
  after(async () => {
    for (const engine of running) await engine.kill().catch(() => {});
    await isolation.cleanup();
  });

  test("kill -9 during a pull: nothing partial is listed after the restart, and the pull resumes", async (t) => {
    const registry = await TestRegistry.start({ throttleBytesPerSecond: 150_000 });
    try {
      const published = await publishTestModel(registry, "library/tiny:latest");
      const weights = published.manifest.layers[0];
      const model = `${registry.host}/library/tiny`;
      const modelsDir = join(isolation.dir, "pull");
      const first = await start(modelsDir);
      // Other weights than the published model's, or the pull would find its blob already here.
      await createTestModel(first.url, "keep", await testModelPath({ seed: 5 }));
      void postJson(first.url, "/api/pull", { model, insecure: true }).then((reply) => reply.text()).catch(() => undefined);
      const saved = await eventually(async () => (await savedBytes(modelsDir, weights.digest)) || undefined, 20_000, "saved download progress");
      await first.kill();

      const afterKill = await checkStore(modelsDir);
      const second = await start(modelsDir);
      const listed = await tags(second.url);
      registry.modes.throttleBytesPerSecond = 0;
      const before = registry.requestsFor(weights.digest).length;
      const lines: Line[] = await readLines(await postJson(second.url, "/api/pull", { model, insecure: true }));
      const ranges = registry
        .requestsFor(weights.digest)
        .slice(before)
        .filter((entry) => entry.range)
        .map((entry) => entry.range!);
      const done = await checkStore(modelsDir);
      const generated = await generateOnce(second.url, model);
      await second.stop();

      report(t, "Kill -9 during a pull", [
        `killed with ${saved} of ${weights.size} bytes saved; store after the kill: complete [${afterKill.complete.map(shortLabel).join(", ")}], problems ${afterKill.problems.length}, leftovers ${afterKill.leftovers.length} (part files)`,
        `after restart /api/tags: [${listed.join(", ")}]; resumed with Range ${ranges.join(", ")}; pull ended with "${lines[lines.length - 1]?.status ?? lines[lines.length - 1]?.error}"`,
        `store after the resumed pull: complete ${done.complete.length}, problems ${done.problems.length}, leftovers ${done.leftovers.length}; generate on it: ${generated.status} eval_count ${generated.body.eval_count}`,
      ]);
      assert.deepEqual(afterKill.problems, []);
      assert.deepEqual(afterKill.complete.map(shortLabel), ["keep:latest"]);
      assert.deepEqual(listed, ["keep:latest"]);
      assert.equal(lines[lines.length - 1]?.status, "success", second.output());
      assert.ok(ranges.length > 0 && ranges.every((range) => !range.startsWith("bytes=0-")), `the pull started over: ${ranges.join(", ")}`);
      assert.deepEqual(done.problems, []);
      assert.deepEqual(done.leftovers, []);
      assert.equal(generated.body.eval_count, 3);
    } finally {
      await registry.close();
    }
  });

  test(`kill -9 at random moments during creates, copies, deletes and blob uploads (${ROUNDS} rounds): the store never lists a partial model`, async (t) => {
    const modelsDir = join(isolation.dir, "create");
    const random = new Random(4242);
    const lines: string[] = [];
    let engine = await start(modelsDir);
    const digest = await createTestModel(engine.url, "base");
    const uploads: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const work: Array<Promise<unknown>> = [];
      for (let i = 0; i < 3; i++) {
        // Several MB of license text per model: its blob write (hash, write, fsync) is where a kill lands.
        const license = randomBytes(1_000_000 + random.int(3_000_000)).toString("base64");
        work.push(postJson(engine.url, "/api/create", { model: `r${round}-m${i}`, files: { "model.gguf": digest }, license, system: `round ${round}`, stream: false }).catch(() => undefined));
      }
      work.push(postJson(engine.url, "/api/copy", { source: "base", destination: `r${round}-copy` }).catch(() => undefined));
      if (round > 1) work.push(fetch(`${engine.url}/api/delete`, { method: "DELETE", body: JSON.stringify({ model: `r${round - 1}-m0` }) }).catch(() => undefined));
      const blob = randomBytes(2_000_000 + random.int(2_000_000));
      uploads.push(`sha256:${createHash("sha256").update(blob).digest("hex")}`);
      work.push(slowUpload(engine.url, blob));
      const delay = 100 + random.int(1100);
      await sleep(delay);
      await engine.kill();
      await Promise.allSettled(work);
      const store = await checkStore(modelsDir);
      lines.push(`round ${round}: killed after ${ms(delay)}; complete models ${store.complete.length}, problems ${store.problems.length}, leftovers ${store.leftovers.length}${store.problems.length ? ` (${store.problems.join("; ")})` : ""}`);
      assert.deepEqual(store.problems, [], `round ${round}`);
      engine = await start(modelsDir);
      // What the restarted engine lists is exactly what is complete on disk.
      assert.deepEqual(await tags(engine.url), store.complete.map(shortLabel).sort(), `round ${round}`);
    }

    const final = await checkStore(modelsDir);
    const listed = await tags(engine.url);
    const uploadStates = await Promise.all(uploads.map(async (upload) => (await fetch(`${engine.url}/api/blobs/${upload}`, { method: "HEAD" })).status));
    const created = listed.filter((name) => /^r\d+-m\d:latest$/.test(name));
    const generated = created.length > 0 ? await generateOnce(engine.url, created[created.length - 1]) : await generateOnce(engine.url, "base");
    const fresh = await postJson(engine.url, "/api/create", { model: "after-the-storm", files: { "model.gguf": digest }, stream: false });
    const leftoverBytes = (await Promise.all(final.leftovers.map((path) => readFile(join(modelsDir, path)).then((bytes) => bytes.length, () => 0)))).reduce((a, b) => a + b, 0);
    await engine.stop();

    report(t, "Kill -9 during creates", [
      ...lines,
      `after ${ROUNDS} kills: /api/tags lists ${listed.length} models (${created.length} created mid-kill survived whole), slow uploads: HEAD ${uploadStates.join(" ")} (404 = never finished, 200 = finished and intact)`,
      `leftover temp files: ${final.leftovers.length} (${mib(leftoverBytes)}): ${leftoverKinds(final.leftovers)}`,
      `generate on ${created.length > 0 ? created[created.length - 1] : "base"}: ${generated.status} eval_count ${generated.body.eval_count}; a new create afterwards: ${fresh.status}`,
    ]);
    assert.deepEqual(final.problems, []);
    assert.ok(uploadStates.every((status) => status === 200 || status === 404), uploadStates.join(" "));
    assert.equal(generated.body.eval_count, 3);
    assert.equal(fresh.status, 200);
  });
});
