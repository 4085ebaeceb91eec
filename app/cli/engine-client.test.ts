import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EngineClient, EngineError, EngineUnreachableError, NO_ENGINE_MESSAGE, isAbortError } from "./engine-client.js";

/** Canned replies by path, standing in for the engine. */
const REPLIES: Record<string, (res: import("node:http").ServerResponse) => void> = {
  "/api/tags": (res) => res.writeHead(200, { "content-type": "application/json" }).end('{"models":[]}'),
  "/api/show": (res) => res.writeHead(404, { "content-type": "application/json" }).end(`{"error":"model 'x:latest' not found"}`),
  "/api/copy": (res) => res.writeHead(200).end(),
  "/api/nothing": (res) => res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found"),
  "/api/pull": (res) => {
    res.writeHead(200, { "content-type": "application/x-ndjson" });
    res.write('{"status":"pulling manifest"}\n{"status":"pulling ab","digest":"sha256:ab",');
    res.end('"total":2,"completed":1}\n{"error":"pull model manifest: file does not exist"}\n');
  },
  "/api/generate": (res) => {
    res.writeHead(200, { "content-type": "application/x-ndjson" });
    res.write('{"model":"m","response":"a","done":false}\n');
    // Never ends: the caller aborts.
  },
};

describe("EngineClient", () => {
  let server: Server;
  let client: EngineClient;

  before(async () => {
    server = createServer((req, res) => (REPLIES[req.url ?? ""] ?? REPLIES["/api/nothing"])?.(res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    client = new EngineClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  test("reads JSON replies and empty bodies", async () => {
    assert.deepEqual(await client.list(), []);
    await client.copy("a", "b");
  });

  test("an error reply becomes an EngineError with the body's message and status", async () => {
    await assert.rejects(client.show({ model: "x" }), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.equal(error.message, "model 'x:latest' not found");
      assert.equal(error.status, 404);
      return true;
    });
  });

  test("a non-JSON error body is the message as is", async () => {
    await assert.rejects(client.delete("x"), { message: "404 page not found" });
  });

  test("streams hand over each object, even split across chunks, and stop at an error line", async () => {
    const seen: string[] = [];
    await assert.rejects(
      client.pull({ model: "x" }, (update) => seen.push(`${update.status}:${update.completed ?? ""}`)),
      { message: "pull model manifest: file does not exist" },
    );
    assert.deepEqual(seen, ["pulling manifest:", "pulling ab:1"]);
  });

  test("an aborted stream rejects with an AbortError", async () => {
    const abort = new AbortController();
    const done = client.generate({ model: "m", prompt: "p" }, () => abort.abort(), abort.signal);
    await assert.rejects(done, (error: unknown) => isAbortError(error));
  });

  test("no engine at the address gives the hint to start one", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await assert.rejects(new EngineClient(`http://127.0.0.1:${port}`).list(), (error: unknown) => {
      assert.ok(error instanceof EngineUnreachableError);
      assert.equal(error.message, NO_ENGINE_MESSAGE);
      return true;
    });
  });

  test("the address comes from PADDOCK_HOST, then OLLAMA_HOST; 0.0.0.0 means loopback", () => {
    assert.equal(EngineClient.fromEnvironment({ PADDOCK_HOST: "0.0.0.0:1234", OLLAMA_HOST: "10.0.0.1" }).baseUrl, "http://127.0.0.1:1234");
    assert.equal(EngineClient.fromEnvironment({ OLLAMA_HOST: "example.com:99" }).baseUrl, "http://example.com:99");
    assert.equal(EngineClient.fromEnvironment({}).baseUrl, "http://127.0.0.1:11434");
  });
});
