import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";
import { eventually, readLines, type Line } from "../testing/registry/ndjson-reader.js";
import { publishTestModel } from "../testing/registry/publish-test-model.js";
import { TestRegistry, type RegistryModes } from "../testing/registry/test-registry.js";
import type { PublishedModel } from "../testing/registry/test-registry.js";
import type { TransferTimings } from "./transfer-options.js";

// Timings shrunk so retries take milliseconds; the protocol is the same. The stall timeout stays long
// enough that a busy test machine never looks like a stalled connection (the stall test sets its own).
const FAST: TransferTimings = {
  progressIntervalMs: 20,
  stallTimeoutMs: 5_000,
  maxRetries: 3,
  retryBaseDelayMs: 10,
  directUrlTimeoutMs: 2_000,
  persistIntervalMs: 50,
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Setup {
  registry: TestRegistry;
  engine: TestEngine;
  published: PublishedModel;
  /** The model's name on the test registry: 127.0.0.1:<port>/library/tiny. */
  model: string;
  /** The GGUF layer's digest, the one big blob. */
  weights: string;
}

async function setup(modes: Partial<RegistryModes> = {}, env: Record<string, string> = {}): Promise<Setup> {
  const registry = await TestRegistry.start(modes);
  cleanups.push(() => registry.close());
  const published = await publishTestModel(registry, "library/tiny:latest");
  const engine = await startEngine(env);
  return { registry, engine, published, model: `${registry.host}/library/tiny`, weights: published.manifest.layers[0].digest };
}

async function startEngine(env: Record<string, string> = {}): Promise<TestEngine> {
  const engine = await startTestEngine(env);
  cleanups.push(() => engine.close());
  engine.engine.downloads.options.timings = { ...FAST };
  return engine;
}

function pull(engine: TestEngine, body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
  return fetch(`${engine.url}/api/pull`, { method: "POST", body: JSON.stringify(body), signal });
}

const statuses = (lines: Line[]) => lines.map((line) => line.status ?? `error: ${line.error}`);

function sha256(data: Buffer): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

async function blobFiles(engine: TestEngine): Promise<string[]> {
  return (await readdir(join(engine.modelsDir, "blobs")).catch(() => [] as string[])).filter((name) => !name.startsWith(".")).sort();
}

function blobName(digest: string): string {
  return digest.replace(":", "-");
}

/** The byte ranges asked of the byte server (or of a plain registry) for one blob, as [start, end]. */
function ranges(registry: TestRegistry, digest: string): Array<[number, number]> {
  return registry
    .requestsFor(digest)
    .filter((entry) => entry.range && entry.method === "GET")
    .map((entry) => entry.range!.replace("bytes=", "").split("-").map(Number) as [number, number]);
}

async function downloads(engine: TestEngine): Promise<Line[]> {
  return ((await (await fetch(`${engine.url}/api/downloads`)).json()) as { downloads: Line[] }).downloads;
}

describe("POST /api/pull", () => {
  test("pulls a model with the protocol's requests and Ollama's status lines, storing the raw manifest", async () => {
    const { registry, engine, published, model, weights } = await setup();
    const reply = await pull(engine, { model, insecure: true });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get("content-type"), "application/x-ndjson");
    const lines = await readLines(reply);

    assert.deepEqual(lines[0], { status: "pulling manifest" });
    assert.deepEqual(statuses(lines.slice(-3)), ["verifying sha256 digest", "writing manifest", "success"]);
    const layers = [...published.manifest.layers, published.manifest.config];
    const progress = lines.filter((line) => line.status.startsWith("pulling ") && line.digest);
    // Every layer, then the config, in manifest order; each ends complete.
    const order = progress.map((line) => line.digest).filter((digest, index, all) => all.indexOf(digest) === index);
    assert.deepEqual(order, layers.map((layer) => layer.digest));
    for (const layer of layers) {
      const own = progress.filter((line) => line.digest === layer.digest);
      assert.equal(own[0].status, `pulling ${layer.digest.slice(7, 19)}`);
      assert.deepEqual(own[own.length - 1], { status: `pulling ${layer.digest.slice(7, 19)}`, digest: layer.digest, total: layer.size, completed: layer.size });
    }

    // Ollama's layout: the manifest as the exact bytes sent, blobs under sha256-<hex>, nothing partial left.
    const manifestPath = join(engine.modelsDir, "manifests", registry.host, "library", "tiny", "latest");
    assert.deepEqual(await readFile(manifestPath), published.raw);
    assert.deepEqual(await blobFiles(engine), layers.map((layer) => blobName(layer.digest)).sort());
    for (const layer of layers) assert.equal(sha256(await readFile(join(engine.modelsDir, "blobs", blobName(layer.digest)))), layer.digest);

    const tags = (await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Line[] };
    assert.equal(tags.models[0].name, `${registry.host}/library/tiny:latest`);
    assert.equal(tags.models[0].digest, createHash("sha256").update(published.raw).digest("hex"));

    // §13: manifest GET with the Accept header, HEAD for the size, GET answered with a cross-host 307,
    // then ranged GETs on the byte server without the token or the registry's User-Agent.
    const manifestGet = registry.log.find((entry) => entry.path === "/v2/library/tiny/manifests/latest")!;
    assert.equal(manifestGet.accept, "application/vnd.docker.distribution.manifest.v2+json");
    assert.match(manifestGet.userAgent!, /^ollama\/\S+ \(\w+ \w+\)/);
    const weightRequests = registry.requestsFor(weights).map((entry) => `${entry.server} ${entry.method} ${entry.status}`);
    assert.deepEqual(weightRequests, ["registry HEAD 200", "registry GET 307", "bytes GET 206"]);
    assert.deepEqual(ranges(registry, weights), [[0, layers[0].size - 1]]);
    const byteGet = registry.requestsFor(weights).find((entry) => entry.server === "bytes")!;
    assert.equal(byteGet.authorization, undefined);
    assert.equal(byteGet.userAgent, "Go-http-client/1.1");
  });

  test("a second pull finds every blob on disk: one complete line each and no blob requests", async () => {
    const { registry, engine, published, model } = await setup();
    await readLines(await pull(engine, { model, insecure: true }));
    const before = registry.log.length;
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    const layers = [...published.manifest.layers, published.manifest.config];
    assert.deepEqual(
      lines.filter((line) => line.digest),
      layers.map((layer) => ({ status: `pulling ${layer.digest.slice(7, 19)}`, digest: layer.digest, total: layer.size, completed: layer.size })),
    );
    assert.deepEqual(statuses(lines.slice(-3)), ["verifying sha256 digest", "writing manifest", "success"]);
    assert.deepEqual(registry.log.slice(before).map((entry) => entry.path), ["/v2/library/tiny/manifests/latest"]);
  });

  test("stream:false answers one success object as application/json", async () => {
    const { engine, model } = await setup();
    const reply = await pull(engine, { name: model, insecure: true, stream: false });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get("content-type"), "application/json");
    assert.deepEqual(await reply.json(), { status: "success" });
  });

  test("names: empty and invalid are 400 invalid model name; an unknown model is a stream error", async () => {
    const { registry, engine } = await setup();
    for (const body of [{}, { model: "" }, { model: "bad name" }, { model: "a:b:c" }]) {
      const reply = await pull(engine, body);
      assert.equal(reply.status, 400);
      assert.deepEqual(await reply.json(), { error: "invalid model name" });
    }
    const conflicting = await pull(engine, { model: "m:local:cloud" });
    assert.equal(conflicting.status, 400);

    const unknown = await pull(engine, { model: `${registry.host}/library/nope`, insecure: true });
    assert.equal(unknown.status, 200);
    assert.deepEqual(await readLines(unknown), [{ status: "pulling manifest" }, { error: "pull model manifest: file does not exist" }]);
    const quiet = await pull(engine, { model: `${registry.host}/library/nope`, insecure: true, stream: false });
    assert.equal(quiet.status, 500);
    assert.deepEqual(await quiet.json(), { error: "pull model manifest: file does not exist" });
  });

  test("without insecure the registry is asked over https, which a plain-http registry cannot answer", async () => {
    const { engine, model } = await setup();
    const lines = await readLines(await pull(engine, { model }));
    assert.equal(lines.length, 2);
    assert.match(lines[1].error, /^pull model manifest: Get "https:\/\/127\.0\.0\.1:\d+\/v2\/library\/tiny\/manifests\/latest": /);
  });

  test("big blobs download as parallel ranged parts whose requests cover the blob exactly, in slices", async () => {
    for (const sliceBytes of [8 * 1024 * 1024, 16 * 1024]) {
      const { registry, engine, model, weights, published } = await setup();
      engine.engine.downloads.options.sizing = { ...engine.engine.downloads.options.sizing, minPartBytes: 64 * 1024, sliceBytes };
      const lines = await readLines(await pull(engine, { model, insecure: true }));
      assert.equal(lines[lines.length - 1].status, "success");
      const size = published.manifest.layers[0].size;
      const asked = ranges(registry, weights);
      // Big slices: one request per part. Small ones: several requests per part.
      const partSizes = Array.from({ length: Math.ceil(size / (64 * 1024)) }, (_, n) => Math.min(64 * 1024, size - n * 64 * 1024));
      assert.equal(asked.length, partSizes.reduce((sum, part) => sum + Math.ceil(part / Math.min(sliceBytes, part)), 0));
      const sorted = [...asked].sort((a, b) => a[0] - b[0]);
      assert.equal(sorted[0][0], 0);
      for (let i = 1; i < sorted.length; i++) assert.equal(sorted[i][0], sorted[i - 1][1] + 1);
      assert.equal(sorted[sorted.length - 1][1], size - 1);
      assert.equal(sha256(await readFile(join(engine.modelsDir, "blobs", blobName(weights)))), weights);
    }
  });

  test("a same-host redirect is followed and the next cross-host one gives the byte URL", async () => {
    const { registry, engine, model, weights } = await setup({ redirect: "same-host-hop" });
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    assert.deepEqual(
      registry.requestsFor(weights).map((entry) => `${entry.server} ${entry.method} ${entry.path.split("/")[1]} ${entry.status}`),
      ["registry HEAD v2 200", "registry GET v2 307", "registry GET same-host 307", "bytes GET blobs 206"],
    );
  });

  test("a plain registry that answers the blob GET with 200 and the bytes also works", async () => {
    const { registry, engine, model, weights } = await setup({ redirect: "direct" });
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    assert.ok(registry.requestsFor(weights).every((entry) => entry.server === "registry"));
    assert.deepEqual(ranges(registry, weights)[0][0], 0);
    assert.equal(sha256(await readFile(join(engine.modelsDir, "blobs", blobName(weights)))), weights);
  });

  test("a 401 challenge is answered with a token from the realm, sent to the registry but not to the byte server", async () => {
    const { registry, engine, model, weights } = await setup({ auth: { token: "s3cret" } });
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    const [denied, token, granted] = registry.log;
    assert.deepEqual([denied.path, denied.status, denied.authorization], ["/v2/library/tiny/manifests/latest", 401, undefined]);
    const tokenUrl = new URL(token.path, registry.url);
    assert.equal(tokenUrl.pathname, "/token");
    assert.equal(tokenUrl.searchParams.get("service"), "paddock-test");
    assert.deepEqual(tokenUrl.searchParams.getAll("scope"), ["repository:library/tiny:pull,push"]);
    assert.match(tokenUrl.searchParams.get("ts")!, /^\d+$/);
    assert.ok(tokenUrl.searchParams.get("nonce"));
    assert.deepEqual([granted.path, granted.status, granted.authorization], ["/v2/library/tiny/manifests/latest", 200, "Bearer s3cret"]);
    for (const entry of registry.requestsFor(weights)) {
      assert.equal(entry.authorization, entry.server === "registry" ? "Bearer s3cret" : undefined, `${entry.server} ${entry.method}`);
    }
  });

  test("a realm on another host is refused before any token request", async () => {
    const registry = await TestRegistry.start();
    cleanups.push(() => registry.close());
    registry.modes.auth = { token: "s3cret", realmHost: `localhost:${registry.host.split(":")[1]}` };
    await publishTestModel(registry, "library/tiny:latest");
    const engine = await startEngine();
    const lines = await readLines(await pull(engine, { model: `${registry.host}/library/tiny`, insecure: true }));
    assert.deepEqual(lines[1], {
      error: `pull model manifest: realm host "localhost:${registry.host.split(":")[1]}" does not match original host "${registry.host}"`,
    });
    assert.ok(!registry.log.some((entry) => entry.path.startsWith("/token")));
  });

  test("connection resets are retried and each retry asks only for the bytes still missing", async () => {
    const { registry, engine, model, weights } = await setup({ resets: 2, faultAfterBytes: 100_000 });
    registry.modes.only = weights;
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    const asked = ranges(registry, weights);
    assert.equal(asked.length, 3);
    assert.equal(asked[0][0], 0);
    assert.ok(asked[1][0] > 0 && asked[2][0] > asked[1][0], JSON.stringify(asked));
    assert.equal(sha256(await readFile(join(engine.modelsDir, "blobs", blobName(weights)))), weights);
  });

  test("a part that stalls is restarted without spending a try", async () => {
    const { registry, engine, model, weights } = await setup({ stalls: 1, faultAfterBytes: 50_000 });
    registry.modes.only = weights;
    engine.engine.downloads.options.timings.maxRetries = 1;
    engine.engine.downloads.options.timings.stallTimeoutMs = 1_000;
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    const asked = ranges(registry, weights);
    assert.ok(asked.length >= 2);
    assert.equal(asked[1][0], 50_000);
  });

  test("too many failures end with max retries exceeded; partial files stay and the view shows the failure", async () => {
    const { registry, engine, model, weights } = await setup({ resets: 100, faultAfterBytes: 10_000 });
    registry.modes.only = weights;
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    const last = lines[lines.length - 1];
    assert.match(last.error, /^max retries exceeded: /);
    assert.equal(ranges(registry, weights).length, FAST.maxRetries);
    const files = await blobFiles(engine);
    assert.ok(!files.includes(blobName(weights)));
    assert.ok(files.includes(`${blobName(weights)}-partial`) && files.includes(`${blobName(weights)}-partial-0`));
    await assert.rejects(stat(join(engine.modelsDir, "manifests", registry.host)));
    const failed = (await downloads(engine)).find((row) => row.digest === weights)!;
    assert.equal(failed.state, "failed");
    assert.equal(failed.error, last.error);
    assert.equal(failed.model, `${registry.host}/library/tiny:latest`);
  });

  test("corrupt bytes fail the digest check: the error names both digests and nothing is left of the blob", async () => {
    const { registry, engine, model, weights } = await setup({ corrupt: true });
    registry.modes.only = weights;
    const reply = await pull(engine, { model, insecure: true });
    const lines = await readLines(reply);
    assert.deepEqual(lines.slice(-2).map((line) => line.status ?? "error"), ["verifying sha256 digest", "error"]);
    assert.match(lines[lines.length - 1].error, new RegExp(`^digest mismatch, file must be downloaded again: want ${weights}, got sha256:[0-9a-f]{64}$`));
    const files = await blobFiles(engine);
    assert.ok(!files.some((name) => name.startsWith(blobName(weights))), files.join(","));
    await assert.rejects(stat(join(engine.modelsDir, "manifests", registry.host)));
    const quiet = await pull(engine, { model, insecure: true, stream: false });
    assert.equal(quiet.status, 500);
    assert.match(((await quiet.json()) as Line).error, /^digest mismatch/);
  });

  test("two pulls of the same model share one download of each blob", async () => {
    const { registry, engine, model, weights } = await setup({ throttleBytesPerSecond: 1_000_000 });
    const [first, second] = await Promise.all([pull(engine, { model, insecure: true }), pull(engine, { model, insecure: true })]);
    const [a, b] = await Promise.all([readLines(first), readLines(second)]);
    assert.equal(a[a.length - 1].status, "success");
    assert.equal(b[b.length - 1].status, "success");
    const weightRequests = registry.requestsFor(weights).map((entry) => `${entry.server} ${entry.method}`);
    assert.deepEqual(weightRequests, ["registry HEAD", "registry GET", "bytes GET"]);
    // Both saw the shared progress, not a download of their own.
    assert.ok(a.filter((line) => line.digest === weights).length > 2 && b.filter((line) => line.digest === weights).length > 2);
  });

  test("one of two pulls going away does not stop the download the other waits on", async () => {
    const { registry, engine, model, weights } = await setup({ throttleBytesPerSecond: 400_000 });
    const leaving = new AbortController();
    let joined!: () => void;
    const stayingJoined = new Promise<void>((resolve) => (joined = resolve));
    const staying = pull(engine, { model, insecure: true }).then((reply) =>
      readLines(reply, (line) => {
        if (line.digest === weights) joined();
        return false;
      }),
    );
    const goes = await pull(engine, { model, insecure: true }, leaving.signal);
    await readLines(goes, (line) => line.digest === weights && line.completed > 100_000);
    await stayingJoined;
    leaving.abort();
    const lines = await staying;
    assert.equal(lines[lines.length - 1].status, "success");
    assert.equal(ranges(registry, weights).length, 1);
  });

  test("cancelling a pull pauses it; pulling again resumes from where it stopped", async () => {
    const { registry, engine, model, weights, published } = await setup({ throttleBytesPerSecond: 300_000 });
    const cancel = new AbortController();
    const reply = await pull(engine, { model, insecure: true }, cancel.signal);
    await readLines(reply, (line) => line.digest === weights && line.completed > 150_000);
    cancel.abort();

    const paused = await eventually(async () => (await downloads(engine)).find((row) => row.digest === weights && row.state === "paused"), 5_000, "paused row");
    const size = published.manifest.layers[0].size;
    assert.equal(paused.model, `${registry.host}/library/tiny:latest`);
    assert.equal(paused.total, size);
    assert.ok(paused.completed > 150_000 && paused.completed < size);
    assert.equal(paused.speed, 0);
    const part = JSON.parse(await readFile(join(engine.modelsDir, "blobs", `${blobName(weights)}-partial-0`), "utf8")) as Line;
    assert.deepEqual({ N: part.N, Offset: part.Offset, Size: part.Size }, { N: 0, Offset: 0, Size: size });
    assert.equal(part.Completed, paused.completed);

    registry.modes.throttleBytesPerSecond = 0;
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    const asked = ranges(registry, weights);
    assert.deepEqual(asked[asked.length - 1], [part.Completed, size - 1]);
    // A resume needs no HEAD: the part files already say how big the blob is.
    assert.equal(registry.requestsFor(weights).filter((entry) => entry.method === "HEAD").length, 1);
    assert.equal(sha256(await readFile(join(engine.modelsDir, "blobs", blobName(weights)))), weights);
    assert.deepEqual(await downloads(engine), []);
  });

  test("GET /api/downloads shows a running download; DELETE /api/downloads discards it and its files", async () => {
    const { registry, engine, model, weights } = await setup({ throttleBytesPerSecond: 200_000 });
    const running = pull(engine, { model, insecure: true }).then(readLines);
    const row = await eventually(async () => (await downloads(engine)).find((entry) => entry.digest === weights && entry.completed > 50_000), 5_000, "running row");
    assert.equal(row.state, "downloading");
    assert.equal(row.model, `${registry.host}/library/tiny:latest`);
    assert.ok(row.speed > 0, `speed ${row.speed}`);

    const missing = await fetch(`${engine.url}/api/downloads`, { method: "DELETE", body: JSON.stringify({ model: "other:latest" }) });
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: "no download for 'other:latest'" });
    const empty = await fetch(`${engine.url}/api/downloads`, { method: "DELETE", body: JSON.stringify({}) });
    assert.equal(empty.status, 400);

    const discard = await fetch(`${engine.url}/api/downloads`, { method: "DELETE", body: JSON.stringify({ model: `${registry.host}/library/tiny` }) });
    assert.equal(discard.status, 200);
    assert.ok(((await discard.json()) as { discarded: string[] }).discarded.includes(weights));
    const lines = await running;
    assert.deepEqual(lines[lines.length - 1], { error: "download discarded" });
    assert.ok(!(await blobFiles(engine)).some((name) => name.startsWith(blobName(weights))));
    assert.ok(!(await downloads(engine)).some((entry) => entry.digest === weights));
  });

  test("a download Ollama left half done (its -partial files) is resumed in place", async () => {
    const { registry, engine, model, weights, published } = await setup();
    const size = published.manifest.layers[0].size;
    const gguf = await readFile(await testModelPath());
    const blobs = join(engine.modelsDir, "blobs");
    await mkdir(blobs, { recursive: true });
    // What Ollama writes: the data file at full size, and part JSON without Paddock's "Model" field.
    const data = Buffer.alloc(size);
    gguf.copy(data, 0, 0, 300_000);
    await writeFile(join(blobs, `${blobName(weights)}-partial`), data);
    await writeFile(join(blobs, `${blobName(weights)}-partial-0`), `${JSON.stringify({ N: 0, Offset: 0, Size: size, Completed: 300_000 })}\n`);

    const listed = (await downloads(engine)).find((row) => row.digest === weights)!;
    assert.deepEqual([listed.state, listed.completed, listed.total, listed.model], ["paused", 300_000, size, ""]);

    const lines = await readLines(await pull(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    assert.deepEqual(ranges(registry, weights), [[300_000, size - 1]]);
    assert.equal(registry.requestsFor(weights).filter((entry) => entry.method === "HEAD").length, 0);
    assert.equal(sha256(await readFile(join(blobs, blobName(weights)))), weights);
  });

  test("partial files that cannot be trusted are dropped and the blob downloads from the start", async () => {
    const { registry, engine, model, weights } = await setup();
    const blobs = join(engine.modelsDir, "blobs");
    await mkdir(blobs, { recursive: true });
    // A part file without its data file: nothing to resume from.
    await writeFile(join(blobs, `${blobName(weights)}-partial-0`), `${JSON.stringify({ N: 0, Offset: 0, Size: 10, Completed: 5 })}\n`);
    const lines = await readLines(await pull(engine, { model, insecure: true }));
    assert.equal(lines[lines.length - 1].status, "success");
    assert.equal(ranges(registry, weights)[0][0], 0);
    assert.ok(!(await blobFiles(engine)).some((name) => name.includes("partial")));
  });

  test("DELETE /api/downloads by digest discards a paused download found on disk", async () => {
    const { engine, weights } = await setup();
    const blobs = join(engine.modelsDir, "blobs");
    await mkdir(blobs, { recursive: true });
    await writeFile(join(blobs, `${blobName(weights)}-partial`), Buffer.alloc(100));
    await writeFile(join(blobs, `${blobName(weights)}-partial-0`), `${JSON.stringify({ N: 0, Offset: 0, Size: 100, Completed: 40 })}\n`);
    const bad = await fetch(`${engine.url}/api/downloads`, { method: "DELETE", body: JSON.stringify({ digest: "sha256:nope" }) });
    assert.equal(bad.status, 400);
    const reply = await fetch(`${engine.url}/api/downloads`, { method: "DELETE", body: JSON.stringify({ digest: weights }) });
    assert.deepEqual(await reply.json(), { discarded: [weights] });
    assert.deepEqual(await blobFiles(engine), []);
  });

  test("a pull replacing a tag removes the layers only the old manifest used, unless noprune", async () => {
    for (const noPrune of [false, true]) {
      const { registry, engine, model, published } = await setup({}, noPrune ? { PADDOCK_NOPRUNE: "1" } : {});
      await readLines(await pull(engine, { model, insecure: true }));
      const oldParams = published.manifest.layers[2].digest;
      const updated = await publishTestModel(registry, "library/tiny:latest", { params: { temperature: 0.1 } });
      const lines = await readLines(await pull(engine, { model, insecure: true }));
      assert.equal(lines[lines.length - 1].status, "success");
      assert.equal(statuses(lines).includes("removing unused layers"), !noPrune);
      const files = await blobFiles(engine);
      assert.equal(files.includes(blobName(oldParams)), noPrune);
      assert.ok(files.includes(blobName(updated.manifest.layers[2].digest)));
    }
  });

  test("a pulled model answers /api/generate", async () => {
    const { engine, model } = await setup();
    await readLines(await pull(engine, { model, insecure: true }));
    const reply = await engine.post("/api/generate", { model, prompt: "hello", stream: false, options: { num_predict: 3 } });
    assert.equal(reply.status, 200);
    const body = (await reply.json()) as Line;
    assert.equal(body.done, true);
    assert.equal(body.eval_count, 3);
  });
});

describe("Hugging Face names", () => {
  test("hf.co/<user>/<repo>:<quant> and huggingface.co/... pull from that host's /v2 API and keep the name", async () => {
    const registry = await TestRegistry.start();
    cleanups.push(() => registry.close());
    await publishTestModel(registry, "bartowski/Tiny-GGUF:Q4_K_M");
    await publishTestModel(registry, "bartowski/Tiny-GGUF:latest");
    const engine = await startEngine();
    // hf.co cannot be reached from tests: its requests go to the test registry, over plain http.
    engine.engine.downloads.options.registryHosts = { "hf.co": registry.url, "huggingface.co": registry.url };

    const lines = await readLines(await pull(engine, { model: "hf.co/bartowski/Tiny-GGUF:Q4_K_M" }));
    assert.equal(lines[lines.length - 1].status, "success");
    assert.ok(registry.log.some((entry) => entry.path === "/v2/bartowski/Tiny-GGUF/manifests/Q4_K_M"));
    await stat(join(engine.modelsDir, "manifests", "hf.co", "bartowski", "Tiny-GGUF", "Q4_K_M"));

    const longer = await readLines(await pull(engine, { model: "huggingface.co/bartowski/Tiny-GGUF" }));
    assert.equal(longer[longer.length - 1].status, "success");
    await stat(join(engine.modelsDir, "manifests", "huggingface.co", "bartowski", "Tiny-GGUF", "latest"));

    const tags = (await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Line[] };
    assert.deepEqual(tags.models.map((entry) => entry.name).sort(), ["hf.co/bartowski/Tiny-GGUF:Q4_K_M", "huggingface.co/bartowski/Tiny-GGUF:latest"]);
  });

  test("/api/create with an unknown `from` pulls it first, then builds on it", async () => {
    const registry = await TestRegistry.start();
    cleanups.push(() => registry.close());
    await publishTestModel(registry, "bartowski/Tiny-GGUF:Q4_K_M");
    const engine = await startEngine();
    engine.engine.downloads.options.registryHosts = { "hf.co": registry.url };
    const lines = await engine.postLines("/api/create", { model: "mine", from: "hf.co/bartowski/Tiny-GGUF:Q4_K_M", system: "Be brief." });
    const seen = statuses(lines);
    assert.equal(seen[0], "pulling manifest");
    assert.ok(seen.indexOf("success") < seen.lastIndexOf("writing manifest"), seen.join(" | "));
    assert.equal(seen[seen.length - 1], "success");
    const show = (await (await engine.post("/api/show", { model: "mine" })).json()) as Line;
    assert.equal(show.system, "Be brief.");
    assert.equal(show.details.parent_model, "hf.co/bartowski/Tiny-GGUF:Q4_K_M");

    const missing = await engine.postLines("/api/create", { model: "other", from: "hf.co/bartowski/Nope:Q4_K_M" });
    assert.deepEqual(missing[missing.length - 1], { error: "pull model manifest: file does not exist" });
  });
});
