import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestEngine, type TestEngine } from "../testing/test-engine.js";

type Json = Record<string, any>;

describe("/api/paddock/conversations and /api/paddock/settings", () => {
  let dataDir: string;
  let engine: TestEngine;

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const reply = await fetch(`${engine.url}${path}`, { method, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });
    const text = await reply.text();
    return { status: reply.status, body: text ? (JSON.parse(text) as Json) : {} };
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "paddock-data-"));
    // Each test file runs in its own process, so this only points this file's engines at the temp folder.
    process.env.PADDOCK_DATA = dataDir;
    engine = await startTestEngine();
  });
  after(async () => {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test("the database is created on first use only", async () => {
    assert.equal(existsSync(join(dataDir, "paddock.db")), false);
    assert.equal((await call("GET", "/api/paddock/conversations")).status, 200);
    assert.equal(existsSync(join(dataDir, "paddock.db")), true);
  });

  test("a conversation's life: create, message, rename, search, truncate, delete", async () => {
    const created = await call("POST", "/api/paddock/conversations", { model: "tiny", options: { num_predict: 8 } });
    assert.equal(created.status, 200);
    const id = created.body.id as string;
    assert.deepEqual(created.body.messages, []);
    assert.equal(created.body.title, "");

    const user = await call("POST", `/api/paddock/conversations/${id}/messages`, { role: "user", content: "Tell me about llamas" });
    assert.equal(user.status, 200);
    const answer = await call("POST", `/api/paddock/conversations/${id}/messages`, {
      role: "assistant",
      content: "Llamas are",
      model: "tiny",
      metrics: { eval_count: 3, eval_duration: 1000 },
    });
    assert.deepEqual(answer.body.metrics, { eval_count: 3, eval_duration: 1000 });

    const fetched = await call("GET", `/api/paddock/conversations/${id}`);
    assert.equal(fetched.body.title, "Tell me about llamas");
    assert.equal(fetched.body.messages.length, 2);

    const patched = await call("PATCH", `/api/paddock/conversations/${id}`, { title: "Llamas", system: "Be brief." });
    assert.equal(patched.body.title, "Llamas");
    assert.equal(patched.body.system, "Be brief.");

    const edited = await call("PATCH", `/api/paddock/conversations/${id}/messages/${answer.body.id}`, { content: "Llamas are camelids." });
    assert.equal(edited.body.content, "Llamas are camelids.");

    const found = await call("GET", "/api/paddock/conversations?q=camelid");
    assert.deepEqual(found.body.conversations.map((c: Json) => c.id), [id]);
    assert.match(found.body.conversations[0].snippet, /camelids/);

    const truncated = await call("DELETE", `/api/paddock/conversations/${id}/messages/${answer.body.id}`);
    assert.deepEqual(truncated.body, { removed: 1 });
    assert.equal((await call("GET", `/api/paddock/conversations/${id}/messages`)).body.messages.length, 1);

    assert.equal((await call("DELETE", `/api/paddock/conversations/${id}`)).status, 200);
    const gone = await call("GET", `/api/paddock/conversations/${id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error, `conversation '${id}' not found`);
  });

  test("bad requests are 400 with an error naming the field", async () => {
    const { body: conversation } = await call("POST", "/api/paddock/conversations", "");
    assert.equal(typeof conversation.id, "string", "an empty body creates an empty conversation");
    const wrongType = await call("POST", "/api/paddock/conversations", { title: 5 });
    assert.equal(wrongType.status, 400);
    assert.match(wrongType.body.error, /^title: /);
    const badRole = await call("POST", `/api/paddock/conversations/${conversation.id}/messages`, { role: "robot", content: "x" });
    assert.equal(badRole.status, 400);
    assert.match(badRole.body.error, /^role: /);
    const notObject = await call("POST", `/api/paddock/conversations/${conversation.id}/messages`, "[1]");
    assert.equal(notObject.status, 400);
    const badJson = await call("PATCH", `/api/paddock/conversations/${conversation.id}`, "{");
    assert.equal(badJson.status, 400);
    const badLimit = await call("GET", "/api/paddock/conversations?limit=0");
    assert.equal(badLimit.status, 400);
    const missing = await call("PATCH", `/api/paddock/conversations/${conversation.id}/messages/nope`, { content: "x" });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, "message 'nope' not found");
    const wrongMethod = await fetch(`${engine.url}/api/paddock/settings`, { method: "POST", body: "{}" });
    assert.equal(wrongMethod.status, 405);
  });

  test("settings are stored, reported as pending, and survive a restart", async () => {
    const initial = await call("GET", "/api/paddock/settings");
    assert.deepEqual(initial.body.stored, {});
    assert.equal(initial.body.effective.models_dir, engine.modelsDir);
    assert.equal(initial.body.data_dir, dataDir);
    assert.deepEqual(initial.body.pending, []);

    const saved = await call("PATCH", "/api/paddock/settings", { keep_alive: "10m", expose: false, context_length: 8192, origins: ["https://a.example"] });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body.stored, { expose: false, origins: ["https://a.example"], context_length: 8192, keep_alive: "10m" });
    assert.deepEqual(saved.body.pending.sort(), ["context_length", "keep_alive", "origins"]);

    const invalid = await call("PATCH", "/api/paddock/settings", { keep_alive: "soon" });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.error, /^keep_alive: /);

    await engine.close();
    engine = await startTestEngine();
    const after = await call("GET", "/api/paddock/settings");
    assert.equal(after.body.stored.keep_alive, "10m");
    const reset = await call("PATCH", "/api/paddock/settings", { keep_alive: null, origins: null, context_length: null, expose: null });
    assert.deepEqual(reset.body.stored, {});
  });

  test("conversations survive an engine restart", async () => {
    const { body } = await call("POST", "/api/paddock/conversations", { title: "Kept" });
    await engine.close();
    engine = await startTestEngine();
    const listed = await call("GET", "/api/paddock/conversations?q=kept");
    assert.deepEqual(listed.body.conversations.map((c: Json) => c.id), [body.id]);
  });
});
