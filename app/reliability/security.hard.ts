import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import type { Engine } from "../engine/engine.js";
import { createHttpApp } from "../server/http-app.js";
import { startServer } from "../server/http-server.js";
import { readSettings } from "../settings/settings.js";
import { MEDIA_TYPES } from "../store/manifest.js";
import { readLines } from "../testing/registry/ndjson-reader.js";
import { TestRegistry } from "../testing/registry/test-registry.js";
import { createModelFromFile, startTestEngine, type TestEngine } from "../testing/test-engine.js";
import { testModelPath } from "../testing/test-model-file.js";
import { Histogram, report } from "./figures.js";
import { INVALID_DIGESTS, INVALID_NAMES } from "./fuzz-values.js";
import { isolateFromHome } from "./hard-env.js";
import { rawRequest, type RawRequest } from "./raw-http.js";

const isolation = isolateFromHome();
const CANARY = "paddock-security-canary";

async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name)).sort();
}

function decodedOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every route of the live routing table with its parameters filled in, plus the UI and an unknown path. */
function everyRoute(): RawRequest[] {
  const app = createHttpApp({ settings: readSettings({}) } as unknown as Engine);
  const routes = app.routes.filter((route) => route.method !== "ALL").map((route) => ({ method: route.method, path: route.path.replace(/:[a-z]+/g, "x").replace("/*", "/index.html") }));
  return [...routes, { method: "GET", path: "/no/such/path" }, { method: "OPTIONS", path: "/api/tags" }].map((route) => ({ ...route, body: route.method === "GET" || route.method === "HEAD" ? undefined : "{}" }));
}

describe("security", { timeout: 180_000 }, () => {
  let engine: TestEngine;

  before(async () => {
    engine = await startTestEngine();
    await createModelFromFile(engine, "tiny", await testModelPath());
  });
  after(async () => {
    await engine.close();
    await isolation.cleanup();
  });

  test("the engine binds to loopback unless told otherwise", async (t) => {
    const settings = readSettings({}, "/home/nobody");
    assert.equal(settings.host, "127.0.0.1");
    assert.equal(settings.port, 11434);
    const running = await startServer({ ...readSettings({ PADDOCK_MODELS: join(isolation.dir, "bind") }), port: 0 });
    try {
      const address = running.server.address() as AddressInfo;
      const external = Object.values(networkInterfaces())
        .flat()
        .filter((entry) => entry && !entry.internal && entry.family === "IPv4")
        .map((entry) => entry!.address);
      const reachable: string[] = [];
      for (const host of external) {
        const answered = await fetch(`http://${host}:${address.port}/api/version`, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);
        if (answered) reachable.push(host);
      }
      report(t, "Security: bind", [`default listen address ${address.address}:${address.port === 0 ? "?" : "<free port>"}; reachable from this machine's other addresses (${external.join(", ") || "none"}): ${reachable.length ? reachable.join(", ") : "no"}`]);
      assert.equal(address.address, "127.0.0.1");
      assert.deepEqual(reachable, []);
    } finally {
      await running.close();
    }
  });

  test("foreign Origin and Host headers are refused on every state-changing route, with no side effect", async (t) => {
    const hosts = ["evil.test", "evil.test:11434", "127.0.0.1.evil.test", "localhost.evil.test", "2130706433", "0x7f.1", "[::ffff:8.8.8.8]", "8.8.8.8:11434", "localhost@evil.test"];
    // file://* and http://localhost:* are allowed by Ollama's default list (§17.2), so they are not attacks here.
    const origins = ["https://evil.test", "http://localhost.evil.test", "http://127.0.0.1.evil.test", "null", "http://localhost@evil.test", "https://localhost.evil.test:11434", "chrome-extension://evil"];
    const attacks: RawRequest[] = [
      { method: "DELETE", path: "/api/delete", body: JSON.stringify({ model: "tiny" }) },
      { method: "POST", path: "/api/copy", body: JSON.stringify({ source: "tiny", destination: "stolen" }) },
      { method: "POST", path: "/api/create", body: JSON.stringify({ model: "planted", from: "tiny", system: "pwned" }) },
      { method: "POST", path: "/api/pull", body: JSON.stringify({ model: "127.0.0.1:9/evil/model", insecure: true }) },
      { method: "PATCH", path: "/api/paddock/settings", body: JSON.stringify({ models_dir: "/tmp/evil", expose: true }) },
      { method: "POST", path: "/api/paddock/conversations", body: JSON.stringify({ title: "planted" }) },
      { method: "POST", path: `/api/blobs/sha256:${createHash("sha256").update("evil").digest("hex")}`, body: "evil" },
      { method: "POST", path: "/api/generate", body: JSON.stringify({ model: "tiny", prompt: "hi", stream: false }) },
      { method: "OPTIONS", path: "/api/delete" },
    ];
    const statuses = new Histogram();
    const problems: string[] = [];
    for (const attack of attacks) {
      const tries = [...hosts.map((host) => ({ host })), ...origins.map((origin) => ({ origin, "access-control-request-method": attack.method }))];
      for (const headers of tries) {
        const reply = await rawRequest(engine.url, { ...attack, headers });
        statuses.add(reply.status);
        // A Host the HTTP layer cannot even turn into a URL is a 400 before any route runs: refused all the same.
        const refused = (reply.status === 403 || (reply.status === 400 && "host" in headers)) && reply.body === "";
        if (!refused) problems.push(`${attack.method} ${attack.path} ${JSON.stringify(headers)} → ${reply.status} ${reply.body.slice(0, 60)}`);
      }
    }
    const tags = ((await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Array<{ name: string }> }).models.map((model) => model.name);
    const settings = (await (await fetch(`${engine.url}/api/paddock/settings`)).json()) as { stored: Record<string, unknown> };
    const conversations = (await (await fetch(`${engine.url}/api/paddock/conversations`)).json()) as { conversations: unknown[] };
    report(t, "Security: Origin and Host", [
      `${statuses.total} requests (${attacks.length} routes × ${hosts.length} Host + ${origins.length} Origin values): ${statuses}`,
      `afterwards: models [${tags.join(", ")}], stored settings ${JSON.stringify(settings.stored)}, conversations ${conversations.conversations.length}`,
      ...problems.slice(0, 10).map((line) => `PROBLEM ${line}`),
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(tags, ["tiny:latest"]);
    assert.deepEqual(settings.stored, {});
    assert.equal(conversations.conversations.length, 0);
  });

  test("no path traversal through model names, digests or upload file names", async (t) => {
    const outside = join(engine.modelsDir, "..", `${CANARY}.txt`);
    await writeFile(outside, CANARY);
    const before = await tree(engine.modelsDir);
    const requests: RawRequest[] = [];
    for (const name of INVALID_NAMES) {
      requests.push(
        { method: "POST", path: "/api/show", body: JSON.stringify({ model: name }) },
        { method: "DELETE", path: "/api/delete", body: JSON.stringify({ model: name }) },
        { method: "POST", path: "/api/copy", body: JSON.stringify({ source: "tiny", destination: name }) },
        { method: "POST", path: "/api/copy", body: JSON.stringify({ source: name, destination: "x" }) },
        { method: "POST", path: "/api/create", body: JSON.stringify({ model: name, from: "tiny" }) },
        { method: "POST", path: "/api/pull", body: JSON.stringify({ model: name }) },
        { method: "POST", path: "/api/generate", body: JSON.stringify({ model: name, prompt: "x" }) },
      );
    }
    for (const digest of INVALID_DIGESTS) {
      requests.push(
        { method: "HEAD", path: `/api/blobs/${digest}` },
        { method: "POST", path: `/api/blobs/${digest}`, body: CANARY },
        { method: "POST", path: "/api/create", body: JSON.stringify({ model: "t", files: { "m.gguf": decodedOrRaw(digest) } }) },
        { method: "DELETE", path: "/api/downloads", body: JSON.stringify({ digest: decodedOrRaw(digest) }) },
      );
    }
    for (const file of ["../m.gguf", "/etc/passwd", "a/../../m.gguf", "..\\..\\m.gguf", "C:\\m.gguf"]) {
      requests.push({ method: "POST", path: "/api/create", body: JSON.stringify({ model: "t", files: { [file]: `sha256:${"0".repeat(64)}` } }) });
    }
    const statuses = new Histogram();
    const leaks: string[] = [];
    for (const request of requests) {
      const reply = await rawRequest(engine.url, request);
      statuses.add(reply.status);
      if (reply.status < 400 || reply.body.includes(CANARY)) leaks.push(`${request.method} ${request.path} ${request.body ?? ""} → ${reply.status}`);
    }
    const afterwards = await tree(engine.modelsDir);
    report(t, "Security: path traversal", [
      `${requests.length} requests with traversing names, digests and file paths: ${statuses}`,
      `models folder files before ${before.length}, after ${afterwards.length}; canary outside intact: ${(await readFile(outside, "utf8")) === CANARY}`,
      ...leaks.slice(0, 10).map((line) => `PROBLEM ${line}`),
    ]);
    assert.deepEqual(leaks, []);
    assert.deepEqual(afterwards, before);
    assert.equal(await readFile(outside, "utf8"), CANARY);
  });

  test("a hostile registry cannot write outside blobs/ or list a model it did not deliver", async (t) => {
    const registry = await TestRegistry.start({ redirect: "direct" });
    const outside = join(engine.modelsDir, "..", "registry-canary.txt");
    await writeFile(outside, CANARY);
    try {
      const layer = (digest: string, size: number) => ({ mediaType: MEDIA_TYPES.model, digest, size });
      const hostile: Record<string, object | string> = {
        traversal: { schemaVersion: 2, mediaType: MEDIA_TYPES.manifest, config: layer(`sha256:${"../".repeat(8)}registry-canary.txt`, 5), layers: [] },
        "bad-layer": { schemaVersion: 2, mediaType: MEDIA_TYPES.manifest, config: layer(`sha256:${"a".repeat(64)}`, 2), layers: [layer("sha256:../../manifests/x", 10)] },
        huge: { schemaVersion: 2, mediaType: MEDIA_TYPES.manifest, config: layer(`sha256:${"b".repeat(64)}`, 2), layers: [layer(`sha256:${"c".repeat(64)}`, 1e15)] },
        negative: { schemaVersion: 2, mediaType: MEDIA_TYPES.manifest, config: layer(`sha256:${"d".repeat(64)}`, -5), layers: [] },
        "not-json": "<html>",
      };
      for (const [name, manifest] of Object.entries(hostile)) {
        registry.manifests.set(`library/${name}:latest`, Buffer.from(typeof manifest === "string" ? manifest : JSON.stringify(manifest)));
      }
      const before = await tree(engine.modelsDir);
      const lines: string[] = [];
      for (const name of Object.keys(hostile)) {
        const reply = await fetch(`${engine.url}/api/pull`, { method: "POST", body: JSON.stringify({ model: `${registry.host}/library/${name}`, insecure: true }), signal: AbortSignal.timeout(60_000) });
        const out = await readLines(reply);
        lines.push(`${name}: ${reply.status} ${JSON.stringify(out[out.length - 1]).slice(0, 140)}`);
      }
      const afterwards = (await tree(engine.modelsDir)).filter((path) => !/-partial(-\d+)?$/.test(path));
      const tags = ((await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Array<{ name: string }> }).models.map((model) => model.name);
      report(t, "Security: hostile registry", [...lines, `afterwards: models [${tags.join(", ")}], new files ${afterwards.length - before.length}`]);
      assert.equal(await readFile(outside, "utf8"), CANARY);
      assert.deepEqual(tags, ["tiny:latest"]);
      assert.deepEqual(afterwards, before);
    } finally {
      await registry.close();
    }
  });

  test("with PADDOCK_API_KEY, every route (and every unknown path) needs the bearer key", async (t) => {
    const keyed = await startTestEngine({ PADDOCK_API_KEY: "s3cret-key" });
    try {
      const routes = everyRoute();
      const wrong: Array<Record<string, string>> = [{}, { authorization: "Bearer wrong" }, { authorization: "s3cret-key" }, { authorization: "Basic czNjcmV0LWtleQ==" }, { authorization: "Bearer s3cret-keyX" }, { authorization: "Bearer " }];
      const refused = new Histogram();
      const leaks: string[] = [];
      for (const route of routes) {
        for (const headers of wrong) {
          const reply = await rawRequest(keyed.url, { ...route, headers });
          refused.add(reply.status);
          if (reply.status !== 401 || reply.body.includes("s3cret")) leaks.push(`${route.method} ${route.path} ${JSON.stringify(headers)} → ${reply.status}`);
        }
      }
      const allowed = new Histogram();
      for (const route of routes) {
        const reply = await rawRequest(keyed.url, { ...route, headers: { authorization: "Bearer s3cret-key" } });
        allowed.add(reply.status);
        if (reply.status === 401) leaks.push(`${route.method} ${route.path} refused with the right key`);
      }
      // The key does not open the door to a foreign page: CORS and Host checks still come first.
      const foreign = await rawRequest(keyed.url, { method: "GET", path: "/api/tags", headers: { authorization: "Bearer s3cret-key", origin: "https://evil.test" } });
      report(t, "Security: API key", [
        `${routes.length} routes × ${wrong.length} missing or wrong keys: ${refused}`,
        `with the key: ${allowed} (no 401)`,
        `right key from a foreign origin: ${foreign.status}`,
        ...leaks.slice(0, 10).map((line) => `PROBLEM ${line}`),
      ]);
      assert.deepEqual(leaks, []);
      assert.equal(foreign.status, 403);
    } finally {
      await keyed.close();
    }
  });

  test("a page on an origin the default CORS list allows (file://, any http://localhost port) cannot change engine settings", async () => {
    const reply = await rawRequest(engine.url, { method: "PATCH", path: "/api/paddock/settings", headers: { origin: "http://localhost:3000" }, body: JSON.stringify({ expose: true }) });
    await fetch(`${engine.url}/api/paddock/settings`, { method: "PATCH", body: JSON.stringify({ expose: null }) });
    assert.equal(reply.status, 403);
  });

  test("the UI the engine serves under /app/ carries a Content-Security-Policy", async () => {
    const ui = await startTestEngine({ PADDOCK_UI_DIR: isolation.dir });
    try {
      await writeFile(join(isolation.dir, "index.html"), "<!doctype html>");
      const reply = await fetch(`${ui.url}/app/`);
      assert.match(reply.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    } finally {
      await ui.close();
    }
  });
});
