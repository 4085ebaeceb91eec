import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConversationStore, titleFrom } from "./conversation-store.js";
import { openHistoryDb, type Db } from "./history-db.js";
import { SettingsStore } from "./settings-store.js";

describe("ConversationStore", () => {
  let dir: string;
  let db: Db;
  let store: ConversationStore;
  let clock = 1_700_000_000_000;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "paddock-history-"));
    db = openHistoryDb(join(dir, "nested", "paddock.db"));
    store = new ConversationStore(db, () => clock++);
  });
  after(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("creates, lists newest first, renames and deletes", () => {
    const first = store.create({ model: "tiny" });
    const second = store.create({ title: "  Second  ", system: "Be brief.", options: { temperature: 0.2 } });
    assert.equal(first.title, "");
    assert.equal(second.title, "Second");
    assert.deepEqual(second.options, { temperature: 0.2 });
    assert.deepEqual(store.list().map((c) => c.id).slice(0, 2), [second.id, first.id]);
    const renamed = store.update(first.id, { title: "Renamed" });
    assert.equal(renamed?.title, "Renamed");
    assert.equal(store.list()[0].id, first.id, "an update moves the conversation to the top");
    assert.equal(store.delete(second.id), true);
    assert.equal(store.get(second.id), undefined);
    assert.equal(store.delete(second.id), false);
    assert.equal(store.update("nope", { title: "x" }), undefined);
  });

  test("the first user message titles an untitled conversation", () => {
    const conversation = store.create();
    store.append(conversation.id, { role: "system", content: "You are terse." });
    store.append(conversation.id, { role: "user", content: "Why is the sky blue?\nPlease explain." });
    store.append(conversation.id, { role: "user", content: "Another question" });
    const stored = store.getWithMessages(conversation.id)!;
    assert.equal(stored.title, "Why is the sky blue?");
    assert.equal(stored.message_count, 3);
    assert.deepEqual(stored.messages.map((m) => m.role), ["system", "user", "user"]);
  });

  test("titles are cut at a word", () => {
    const long = "word ".repeat(30);
    const title = titleFrom(long);
    assert.ok(title.length <= 61 && title.endsWith("…"), title);
    assert.ok(!title.includes("wor…"));
  });

  test("messages keep metrics, can be edited and truncated from a message on", () => {
    const { id } = store.create({ title: "Edits" });
    const user = store.append(id, { role: "user", content: "hello" })!;
    const answer = store.append(id, { role: "assistant", content: "hi", model: "tiny", metrics: { eval_count: 2 } })!;
    store.append(id, { role: "user", content: "again" });
    store.append(id, { role: "assistant", content: "again hi" });
    assert.deepEqual(answer.metrics, { eval_count: 2 });
    assert.equal(answer.model, "tiny");

    const edited = store.updateMessage(id, user.id, { content: "hello there" });
    assert.equal(edited?.content, "hello there");
    assert.equal(store.updateMessage(id, "missing", { content: "x" }), undefined);

    assert.equal(store.truncateFrom(id, answer.id), 3);
    assert.deepEqual(store.messages(id).map((m) => m.content), ["hello there"]);
    assert.equal(store.truncateFrom(id, answer.id), undefined);

    // New messages go after the remaining ones.
    store.append(id, { role: "assistant", content: "regenerated" });
    assert.deepEqual(store.messages(id).map((m) => m.content), ["hello there", "regenerated"]);
  });

  test("search matches titles and message text, literally", () => {
    const a = store.create({ title: "Cooking pasta" });
    const b = store.create({ title: "Travel" });
    store.append(b.id, { role: "user", content: "What should I see in Lisbon? I like 100% walking tours_with_friends." });
    const pasta = store.list({ query: "PASTA" });
    assert.deepEqual(pasta.map((c) => c.id), [a.id]);
    assert.equal(pasta[0].snippet, undefined);
    const lisbon = store.list({ query: "lisbon" });
    assert.deepEqual(lisbon.map((c) => c.id), [b.id]);
    assert.match(lisbon[0].snippet ?? "", /Lisbon/);
    assert.deepEqual(store.list({ query: "100%" }).map((c) => c.id), [b.id]);
    assert.deepEqual(store.list({ query: "%" }).map((c) => c.id), [b.id], "% is literal");
    assert.deepEqual(store.list({ query: "s_w" }).map((c) => c.id), [b.id]);
    assert.deepEqual(store.list({ query: "x_y" }), [], "_ is literal");
  });

  test("deleting a conversation deletes its messages", () => {
    const { id } = store.create();
    store.append(id, { role: "user", content: "bye" });
    store.delete(id);
    const count = db.prepare("SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?").get(id) as { n: number };
    assert.equal(count.n, 0);
  });
});

describe("SettingsStore", () => {
  test("stores JSON values, null removes", () => {
    const db = openHistoryDb(":memory:");
    const settings = new SettingsStore(db);
    settings.patch({ expose: true, origins: ["http://a.example"], keep_alive: "10m", ignored: undefined });
    assert.deepEqual(settings.all(), { expose: true, keep_alive: "10m", origins: ["http://a.example"] });
    settings.patch({ expose: null, keep_alive: "1h" });
    assert.deepEqual(settings.all(), { keep_alive: "1h", origins: ["http://a.example"] });
    db.close();
  });

  test("reopening a database keeps its schema and data", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paddock-history-"));
    const file = join(dir, "paddock.db");
    const first = openHistoryDb(file);
    new SettingsStore(first).patch({ expose: false });
    first.close();
    const second = openHistoryDb(file);
    assert.deepEqual(new SettingsStore(second).all(), { expose: false });
    assert.equal(second.pragma("user_version", { simple: true }), 1);
    second.close();
    await rm(dir, { recursive: true, force: true });
  });
});
