import { test } from "node:test";
import assert from "node:assert/strict";
import { contentSecurityPolicy, mainWindowOptions } from "./window-options.js";

test("windows are isolated and sandboxed with no Node integration", () => {
  const prefs = mainWindowOptions("/tmp/preload.js").webPreferences!;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webSecurity, true);
});

test("the CSP allows only our own origin and the engine", () => {
  const csp = contentSecurityPolicy("http://127.0.0.1:11434");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self' http:\/\/127\.0\.0\.1:11434/);
  assert.doesNotMatch(csp, /unsafe-eval/);
});
