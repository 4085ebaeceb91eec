import { test } from "node:test";
import assert from "node:assert/strict";
import { hardenSession, isPermissionAllowed, type SessionLike } from "./session-hardening.js";

type HeadersListener = Parameters<SessionLike["webRequest"]["onHeadersReceived"]>[1];

function fakeSession() {
  const installed: {
    request?: Parameters<SessionLike["setPermissionRequestHandler"]>[0];
    check?: Parameters<SessionLike["setPermissionCheckHandler"]>[0];
    headers?: HeadersListener;
    filter?: { urls: string[] };
  } = {};
  const session: SessionLike = {
    setPermissionRequestHandler: (handler) => void (installed.request = handler),
    setPermissionCheckHandler: (handler) => void (installed.check = handler),
    webRequest: { onHeadersReceived: (filter, listener) => void ((installed.filter = filter), (installed.headers = listener)) },
  };
  return { session, installed };
}

test("every permission is denied except copying, and that only for our page", () => {
  assert.equal(isPermissionAllowed("clipboard-sanitized-write", "app://paddock/app/"), true);
  assert.equal(isPermissionAllowed("clipboard-sanitized-write", "https://evil.example/"), false);
  for (const permission of ["media", "geolocation", "notifications", "openExternal", "clipboard-read", "hid", "fullscreen"]) {
    assert.equal(isPermissionAllowed(permission, "app://paddock/app/"), false, permission);
  }
});

test("the session's permission handlers apply that rule", () => {
  const { session, installed } = fakeSession();
  hardenSession(session, "default-src 'self'");
  const answers: boolean[] = [];
  installed.request!({}, "media", (granted) => answers.push(granted), { requestingUrl: "app://paddock/app/" });
  installed.request!({}, "clipboard-sanitized-write", (granted) => answers.push(granted), { requestingUrl: "app://paddock/app/" });
  assert.deepEqual(answers, [false, true]);
  assert.equal(installed.check!({}, "clipboard-sanitized-write", "app://paddock"), true);
  assert.equal(installed.check!({}, "geolocation", "app://paddock"), false);
});

test("documents loaded over http(s) get the CSP header; other responses are left alone", () => {
  const { session, installed } = fakeSession();
  hardenSession(session, "default-src 'self'");
  assert.deepEqual(installed.filter, { urls: ["http://*/*", "https://*/*"] });
  const answers: unknown[] = [];
  installed.headers!({ resourceType: "mainFrame", responseHeaders: { "Content-Security-Policy": ["default-src *"] } }, (r) => answers.push(r));
  installed.headers!({ resourceType: "xhr", responseHeaders: { "Content-Type": ["application/json"] } }, (r) => answers.push(r));
  assert.deepEqual(answers, [{ responseHeaders: { "Content-Security-Policy": ["default-src 'self'"] } }, {}]);
});
