import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { startTestEngine, type TestEngine } from "../../testing/test-engine.js";
import { hostOnly, isLocalHostHeader } from "./host-guard.js";

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function rawRequest(url: string, method: string, headers: Record<string, string>): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("CORS, Host and API-key guards", () => {
  let engine: TestEngine;
  let keyed: TestEngine;

  before(async () => {
    engine = await startTestEngine({ PADDOCK_ORIGINS: "https://example.test, chrome-extension://*" });
    keyed = await startTestEngine({ PADDOCK_API_KEY: "s3cret" });
  });
  after(async () => {
    await engine.close();
    await keyed.close();
  });

  test("default origins pass and are echoed; others get an empty 403", async () => {
    const allowed = ["http://localhost", "http://localhost:3000", "https://127.0.0.1:8443", "app://paddock", "file://", "vscode-webview://abc", "https://example.test", "chrome-extension://abcdef"];
    for (const origin of allowed) {
      const reply = await rawRequest(`${engine.url}/api/version`, "GET", { origin });
      assert.equal(reply.status, 200, origin);
      assert.equal(reply.headers["access-control-allow-origin"], origin);
    }
    for (const origin of ["https://evil.test", "http://localhost.evil.test", "null"]) {
      const reply = await rawRequest(`${engine.url}/api/version`, "GET", { origin });
      assert.equal(reply.status, 403, origin);
      assert.equal(reply.body, "");
    }
  });

  test("preflight from an allowed origin answers 204 with the allowed methods and headers", async () => {
    const reply = await rawRequest(`${engine.url}/api/chat`, "OPTIONS", {
      origin: "http://localhost:5173",
      "access-control-request-method": "POST",
    });
    assert.equal(reply.status, 204);
    assert.equal(reply.headers["access-control-allow-origin"], "http://localhost:5173");
    assert.match(String(reply.headers["access-control-allow-headers"]), /X-Stainless-Os/);
    assert.equal(reply.headers["access-control-max-age"], "43200");
  });

  test("a same-host origin is not a CORS request", async () => {
    const url = new URL(engine.url);
    const reply = await rawRequest(`${engine.url}/api/version`, "GET", { origin: `http://${url.host}` });
    assert.equal(reply.status, 200);
  });

  test("on a loopback bind, foreign Host headers are refused (DNS rebinding)", async () => {
    for (const host of ["evil.test", "evil.test:11434", "8.8.8.8"]) {
      const reply = await rawRequest(`${engine.url}/api/version`, "GET", { host });
      assert.equal(reply.status, 403, host);
      assert.equal(reply.body, "");
    }
    for (const host of ["localhost:11434", "127.0.0.1", "paddock.localhost", "box.local", "[::1]:11434", "10.0.0.5"]) {
      const reply = await rawRequest(`${engine.url}/api/version`, "GET", { host });
      assert.equal(reply.status, 200, host);
    }
  });

  test("Host parsing", () => {
    assert.equal(hostOnly("[::1]:80"), "::1");
    assert.equal(hostOnly("example.com:80"), "example.com");
    assert.equal(hostOnly("::1"), "::1");
    assert.deepEqual(isLocalHostHeader(""), { allowed: true, isName: true });
    assert.equal(isLocalHostHeader("192.168.1.9").allowed, true);
    assert.equal(isLocalHostHeader("1.1.1.1").allowed, false);
  });

  test("with PADDOCK_API_KEY every request needs the bearer key", async () => {
    assert.equal((await fetch(`${keyed.url}/api/tags`)).status, 401);
    assert.equal((await fetch(`${keyed.url}/api/tags`, { headers: { authorization: "Bearer wrong" } })).status, 401);
    assert.equal((await fetch(`${keyed.url}/api/tags`, { headers: { authorization: "Bearer s3cret" } })).status, 200);
  });
});
