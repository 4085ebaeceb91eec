// The renderer's desktop client (renderer/src/api/desktop-client.ts) against the real preload API, and its
// spelled-out types against the contract's: this file does not compile if they drift apart.

import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import * as client from "../../renderer/src/api/desktop-client.js";
import { FakeIpc } from "../testing/fake-ipc.js";
import { launchArgument, type DesktopApi, type EngineInfo, type ImportProgress, type PickedGguf } from "./contract.js";
import { createDesktopApi } from "./desktop-api.js";

/** Compiles only when each type can stand for the other. */
function sameShape<A, B>(_check: [A] extends [B] ? ([B] extends [A] ? true : never) : never): void {}
sameShape<DesktopApi, client.DesktopApi>(true);
sameShape<EngineInfo, client.EngineInfo>(true);
sameShape<ImportProgress, client.ImportProgress>(true);
sameShape<PickedGguf, client.PickedGguf>(true);
const globals = globalThis as { paddock?: unknown };

function exposeDesktop(engine: EngineInfo): void {
  globals.paddock = createDesktopApi(new FakeIpc().renderer, [launchArgument({ engine, appVersion: "0.1.0" })]);
}

afterEach(() => delete globals.paddock);

test("in a browser there is no desktop API and the engine is the page's own origin", () => {
  assert.equal(client.isDesktop(), false);
  assert.equal(client.desktopApi(), undefined);
  assert.equal(client.engineBaseUrl(), "");
  assert.equal(client.engineUrl("/api/tags"), "/api/tags");
  assert.equal(client.hasPaddockApi(), true);
  assert.equal(client.engineInfo(), undefined);
});

test("in the app every request goes to the engine the main process chose", () => {
  exposeDesktop({ url: "http://127.0.0.1:11434", mode: "embedded", server: "paddock", version: "0.1.0" });
  assert.equal(client.isDesktop(), true);
  assert.equal(client.engineUrl("/api/tags"), "http://127.0.0.1:11434/api/tags");
  assert.equal(client.engineUrl("api/ps"), "http://127.0.0.1:11434/api/ps");
  assert.equal(client.hasPaddockApi(), true);
});

test("with an Ollama server Paddock's own endpoints are reported missing", () => {
  exposeDesktop({ url: "http://127.0.0.1:11434", mode: "external", server: "ollama", version: "0.12.3" });
  assert.equal(client.hasPaddockApi(), false);
  assert.equal(client.engineInfo()!.version, "0.12.3");
});

test("something else at window.paddock is not taken for the desktop API", () => {
  globals.paddock = { desktop: true };
  assert.equal(client.isDesktop(), false);
  assert.equal(client.engineBaseUrl(), "");
});
