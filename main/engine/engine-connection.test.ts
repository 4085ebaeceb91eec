import { test } from "node:test";
import "../testing/isolated-data-dir.js";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PADDOCK_VERSION } from "../../app/engine/engine.js";
import { startServer, type RunningServer } from "../../app/server/http-server.js";
import { readSettings, type Settings } from "../../app/settings/settings.js";
import { fakeOllama, freePort } from "../testing/fake-servers.js";
import { connectEngine, reachableUrl, type ConnectDeps } from "./engine-connection.js";
import { detectExistingServer } from "./existing-server.js";

async function settingsFor(host: string): Promise<Settings> {
  return readSettings({ PADDOCK_HOST: host, PADDOCK_MODELS: await mkdtemp(join(tmpdir(), "paddock-test-models-")) });
}

function deps(settings: Settings, answer: "use" | "own" | "quit" = "quit") {
  const started: RunningServer[] = [];
  const asked: string[] = [];
  const connect: ConnectDeps = {
    settings,
    detect: detectExistingServer,
    start: async (s) => {
      const running = await startServer(s);
      started.push(running);
      return running;
    },
    ask: async (existing) => (asked.push(existing.kind), answer),
  };
  return { connect, started, asked };
}

test("with the port free the app hosts the engine there, and closing stops it", async () => {
  const port = await freePort();
  const settings = await settingsFor(`127.0.0.1:${port}`);
  const { connect, asked } = deps(settings);
  const connection = (await connectEngine(connect))!;
  try {
    assert.deepEqual(connection.info, { url: `http://127.0.0.1:${port}`, mode: "embedded", server: "paddock", version: PADDOCK_VERSION });
    assert.deepEqual(asked, []);
    assert.equal(await (await fetch(`${connection.info.url}/`)).text(), "Ollama is running");
  } finally {
    await connection.close();
    await rm(settings.modelsDir, { recursive: true, force: true });
  }
  assert.deepEqual(await detectExistingServer(connection.info.url), { kind: "none" });
});

test("an Ollama server already on the port can be used instead; the app then starts nothing", async () => {
  const ollama = await fakeOllama("0.12.3");
  const settings = await settingsFor(new URL(ollama.url).host);
  const { connect, started, asked } = deps(settings, "use");
  try {
    const connection = (await connectEngine(connect))!;
    assert.deepEqual(connection.info, { url: ollama.url, mode: "external", server: "ollama", version: "0.12.3" });
    assert.deepEqual(asked, ["ollama"]);
    assert.equal(started.length, 0);
    await connection.close();
    // Closing the connection leaves the external server running.
    assert.equal((await detectExistingServer(ollama.url)).kind, "ollama");
  } finally {
    await ollama.close();
    await rm(settings.modelsDir, { recursive: true, force: true });
  }
});

test("the app can run its own engine on another port beside an existing server", async () => {
  const ollama = await fakeOllama();
  const settings = await settingsFor(new URL(ollama.url).host);
  const { connect } = deps(settings, "own");
  try {
    const connection = (await connectEngine(connect))!;
    assert.equal(connection.info.mode, "embedded");
    assert.notEqual(connection.info.url, ollama.url);
    assert.equal((await detectExistingServer(connection.info.url)).kind, "paddock");
    await connection.close();
  } finally {
    await ollama.close();
    await rm(settings.modelsDir, { recursive: true, force: true });
  }
});

test("choosing to quit connects to nothing", async () => {
  const ollama = await fakeOllama();
  const settings = await settingsFor(new URL(ollama.url).host);
  try {
    assert.equal(await connectEngine(deps(settings, "quit").connect), undefined);
  } finally {
    await ollama.close();
    await rm(settings.modelsDir, { recursive: true, force: true });
  }
});

test("the page reaches an engine that listens everywhere through loopback, on the port it really got", () => {
  const settings = readSettings({ PADDOCK_HOST: "0.0.0.0:0" });
  const running = { server: { address: () => ({ address: "0.0.0.0", family: "IPv4", port: 40123 }) } } as unknown as RunningServer;
  assert.equal(reachableUrl(settings, running), "http://127.0.0.1:40123");
});
