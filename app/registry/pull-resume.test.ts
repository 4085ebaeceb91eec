import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../server/http-server.js";
import { readSettings } from "../settings/settings.js";
import { spawnEngine } from "../testing/registry/engine-process.js";
import { eventually, readLines, type Line } from "../testing/registry/ndjson-reader.js";
import { publishTestModel } from "../testing/registry/publish-test-model.js";
import { TestRegistry } from "../testing/registry/test-registry.js";
import type { PartRecord } from "./partial-files.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function modelsFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "paddock-resume-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function readParts(modelsDir: string, digest: string): Promise<PartRecord[]> {
  const prefix = `${digest.replace(":", "-")}-partial-`;
  const names = (await readdir(join(modelsDir, "blobs"))).filter((name) => name.startsWith(prefix));
  const parts = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(modelsDir, "blobs", name), "utf8")) as PartRecord));
  return parts.sort((a, b) => a.N - b.N);
}

function rangesAsked(registry: TestRegistry, digest: string, from = 0): number[][] {
  return registry
    .requestsFor(digest)
    .slice(from)
    .filter((entry) => entry.range)
    .map((entry) => entry.range!.replace("bytes=", "").split("-").map(Number));
}

/** Sorted, with touching ranges joined: two sets of requests compare equal when they cover the same bytes. */
function mergeRanges(ranges: number[][]): number[][] {
  const merged: number[][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function rangeStarts(registry: TestRegistry, digest: string, from = 0): number[] {
  return registry
    .requestsFor(digest)
    .slice(from)
    .filter((entry) => entry.range)
    .map((entry) => Number(/bytes=(\d+)-/.exec(entry.range!)![1]));
}

async function sha256File(path: string): Promise<string> {
  return `sha256:${createHash("sha256").update(await readFile(path)).digest("hex")}`;
}

describe("pulls survive the engine going away", () => {
  test("kill -9 mid-pull, restart: the download shows as paused and resumes with Range requests from where it stopped", async () => {
    const registry = await TestRegistry.start({ throttleBytesPerSecond: 150_000 });
    cleanups.push(() => registry.close());
    const published = await publishTestModel(registry, "library/tiny:latest");
    const weights = published.manifest.layers[0].digest;
    const size = published.manifest.layers[0].size;
    const model = `${registry.host}/library/tiny`;
    const modelsDir = await modelsFolder();

    const first = await spawnEngine(modelsDir);
    cleanups.push(() => first.kill());
    void fetch(`${first.url}/api/pull`, { method: "POST", body: JSON.stringify({ model, insecure: true }) })
      .then((reply) => reply.text())
      .catch(() => {});
    // Progress is saved about once a second while bytes flow; wait until some is on disk, then pull the plug.
    await eventually(async () => (await readParts(modelsDir, weights).catch(() => []))[0]?.Completed >= 100_000 || undefined, 15_000, "saved progress");
    await first.kill();

    const [saved] = await readParts(modelsDir, weights);
    assert.deepEqual({ N: saved.N, Offset: saved.Offset, Size: saved.Size, Model: saved.Model }, { N: 0, Offset: 0, Size: size, Model: `${model}:latest` });
    assert.ok(saved.Completed > 0 && saved.Completed < size);
    assert.equal((await stat(join(modelsDir, "blobs", `${weights.replace(":", "-")}-partial`))).size, size);
    await assert.rejects(stat(join(modelsDir, "blobs", weights.replace(":", "-"))));
    await assert.rejects(stat(join(modelsDir, "manifests", registry.host)));

    registry.modes.throttleBytesPerSecond = 0;
    const second = await spawnEngine(modelsDir);
    cleanups.push(() => second.stop());
    const listed = ((await (await fetch(`${second.url}/api/downloads`)).json()) as { downloads: Line[] }).downloads;
    assert.deepEqual(listed.find((row) => row.digest === weights), {
      model: `${model}:latest`,
      digest: weights,
      total: size,
      completed: saved.Completed,
      speed: 0,
      state: "paused",
    });

    const before = registry.requestsFor(weights).length;
    const lines = await readLines(await fetch(`${second.url}/api/pull`, { method: "POST", body: JSON.stringify({ model, insecure: true }) }));
    assert.equal(lines[lines.length - 1].status, "success", second.output());
    assert.deepEqual(rangeStarts(registry, weights, before), [saved.Completed]);
    assert.equal(await sha256File(join(modelsDir, "blobs", weights.replace(":", "-"))), weights);
    assert.deepEqual((await readdir(join(modelsDir, "blobs"))).filter((name) => name.includes("partial")), []);
  });

  test("stopping the engine mid-pull saves every part; a new engine on the same folder resumes each part", async () => {
    const registry = await TestRegistry.start({ throttleBytesPerSecond: 400_000 });
    cleanups.push(() => registry.close());
    const published = await publishTestModel(registry, "library/tiny:latest");
    const weights = published.manifest.layers[0].digest;
    const model = `${registry.host}/library/tiny`;
    const modelsDir = await modelsFolder();
    const start = async (): Promise<RunningServer> => {
      const running = await startServer(readSettings({ PADDOCK_HOST: "127.0.0.1:0", PADDOCK_MODELS: modelsDir }));
      running.engine.downloads.options.sizing = { ...running.engine.downloads.options.sizing, minPartBytes: 128 * 1024, sliceBytes: 32 * 1024 };
      running.engine.downloads.options.timings.persistIntervalMs = 50;
      return running;
    };

    const first = await start();
    const reply = await fetch(`${first.url}/api/pull`, { method: "POST", body: JSON.stringify({ model, insecure: true }) });
    await readLines(reply, (line) => line.digest === weights && line.completed > 250_000).catch(() => []);
    await first.close();

    const saved = await readParts(modelsDir, weights);
    assert.ok(saved.length > 1, `${saved.length} parts`);
    assert.ok(saved.some((part) => part.Completed > 0));

    registry.modes.throttleBytesPerSecond = 0;
    const second = await start();
    cleanups.push(() => second.close());
    const before = registry.requestsFor(weights).length;
    const lines = await readLines(await fetch(`${second.url}/api/pull`, { method: "POST", body: JSON.stringify({ model, insecure: true }) }));
    assert.equal(lines[lines.length - 1].status, "success");
    // Exactly the bytes the part files say are missing are asked for again: nothing saved is fetched twice.
    const missing = saved.filter((part) => part.Completed < part.Size).map((part) => [part.Offset + part.Completed, part.Offset + part.Size - 1]);
    assert.deepEqual(mergeRanges(rangesAsked(registry, weights, before)), mergeRanges(missing));
    assert.equal(await sha256File(join(modelsDir, "blobs", weights.replace(":", "-"))), weights);
  });
});
