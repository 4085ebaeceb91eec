import { test } from "node:test";
import "../testing/isolated-data-dir.js";
import assert from "node:assert/strict";
import { startTestEngine } from "../../app/testing/test-engine.js";
import { PADDOCK_VERSION } from "../../app/engine/engine.js";
import { fakeOllama, freePort, listen } from "../testing/fake-servers.js";
import { detectExistingServer } from "./existing-server.js";

test("a running Paddock engine is recognised, with its version", async () => {
  const engine = await startTestEngine();
  try {
    assert.deepEqual(await detectExistingServer(engine.url), { kind: "paddock", version: PADDOCK_VERSION });
  } finally {
    await engine.close();
  }
});

test("an Ollama server is recognised, with its version", async () => {
  const ollama = await fakeOllama("0.12.3");
  try {
    assert.deepEqual(await detectExistingServer(ollama.url), { kind: "ollama", version: "0.12.3" });
  } finally {
    await ollama.close();
  }
});

test("a free port means there is no server", async () => {
  assert.deepEqual(await detectExistingServer(`http://127.0.0.1:${await freePort()}`), { kind: "none" });
});

test("another program on the port is not mistaken for a server", async () => {
  const other = await listen((_request, reply) => void reply.end("<html>router admin</html>"));
  try {
    const found = await detectExistingServer(other.url);
    assert.equal(found.kind, "other");
  } finally {
    await other.close();
  }
});

test("a program that takes the connection but never answers counts as another program", async () => {
  const silent = await listen(() => {});
  try {
    const found = await detectExistingServer(silent.url, 300);
    assert.deepEqual(found, { kind: "other", detail: "it does not answer" });
  } finally {
    await silent.close();
  }
});
