import { test } from "node:test";
import assert from "node:assert/strict";
import { launchFromArguments, type DesktopLaunch } from "./ipc/contract.js";
import { mainWindowOptions } from "./window-options.js";

const launch: DesktopLaunch = { engine: { url: "http://127.0.0.1:11434", mode: "embedded", server: "paddock", version: "0.1.0" }, appVersion: "0.1.0" };

test("windows are isolated and sandboxed with no Node integration", () => {
  const prefs = mainWindowOptions({ preloadPath: "/tmp/preload.cjs", launch }).webPreferences!;
  assert.equal(prefs.preload, "/tmp/preload.cjs");
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
});

test("the window starts hidden and carries the engine to its preload", () => {
  const options = mainWindowOptions({ preloadPath: "/tmp/preload.cjs", launch, iconPath: "/tmp/icon.png" });
  assert.equal(options.show, false);
  assert.equal(options.icon, "/tmp/icon.png");
  assert.deepEqual(launchFromArguments(options.webPreferences!.additionalArguments!), launch);
});
