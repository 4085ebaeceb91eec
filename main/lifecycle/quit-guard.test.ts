import { test } from "node:test";
import "../testing/isolated-data-dir.js";
import assert from "node:assert/strict";
import { startTestEngine } from "../../app/testing/test-engine.js";
import { detectExistingServer } from "../engine/existing-server.js";
import { FakeApp } from "../testing/fake-app.js";
import { installQuitGuard } from "./quit-guard.js";

test("quitting waits for the engine to stop, then really quits", async () => {
  const app = new FakeApp();
  const order: string[] = [];
  let release!: () => void;
  const guard = installQuitGuard(app, () => new Promise<void>((resolve) => (release = () => (order.push("stopped"), resolve()))));
  assert.equal(guard.quitting, false);
  app.quit();
  assert.equal(app.quitted, false);
  assert.equal(guard.quitting, true);
  app.quit(); // a second request while stopping changes nothing
  assert.equal(app.quitted, false);
  release();
  await app.done;
  order.push("quit");
  assert.deepEqual(order, ["stopped", "quit"]);
});

test("the engine is stopped only once", async () => {
  const app = new FakeApp();
  let stops = 0;
  installQuitGuard(app, async () => void stops++);
  app.quit();
  app.quit();
  await app.done;
  app.quit();
  assert.equal(stops, 1);
});

test("a failing or hanging stop does not keep the app open", async () => {
  const failing = new FakeApp();
  const lines: string[] = [];
  installQuitGuard(failing, async () => { throw new Error("boom"); }, { log: (line) => lines.push(line) });
  failing.quit();
  await failing.done;
  assert.match(lines[0]!, /boom/);

  const hanging = new FakeApp();
  installQuitGuard(hanging, () => new Promise<void>(() => {}), { timeoutMs: 50, log: (line) => lines.push(line) });
  hanging.quit();
  await hanging.done;
  assert.match(lines[1]!, /did not stop within 50 ms/);
});

test("quitting stops a real engine: its port is free afterwards", async () => {
  const engine = await startTestEngine();
  const app = new FakeApp();
  installQuitGuard(app, () => engine.close());
  assert.equal((await detectExistingServer(engine.url)).kind !== "none", true);
  app.quit();
  await app.done;
  assert.deepEqual(await detectExistingServer(engine.url), { kind: "none" });
});
