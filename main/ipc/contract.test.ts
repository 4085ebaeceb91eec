import { test } from "node:test";
import assert from "node:assert/strict";
import {
  LAUNCH_ARGUMENT_PREFIX,
  eventChannels,
  invokeChannels,
  launchArgument,
  launchFromArguments,
  replySchema,
  type EngineInfo,
} from "./contract.js";

const engine: EngineInfo = { url: "http://127.0.0.1:11434", mode: "external", server: "ollama", version: "0.12.3" };

test("the launch info survives the trip through a command-line switch, whatever its characters", () => {
  const launch = { engine: { ...engine, version: "1.0 \\ «ünïcode» / + = ?" }, appVersion: "0.1.0" };
  assert.deepEqual(launchFromArguments(["electron", "--other", launchArgument(launch)]), launch);
  assert.match(launchArgument(launch), /^--paddock-desktop=[A-Za-z0-9_-]+$/);
});

test("a missing or malformed launch switch gives nothing", () => {
  const encode = (value: unknown) => LAUNCH_ARGUMENT_PREFIX + btoa(JSON.stringify(value));
  assert.equal(launchFromArguments(["electron"]), undefined);
  assert.equal(launchFromArguments([`${LAUNCH_ARGUMENT_PREFIX}not-base64!`]), undefined);
  assert.equal(launchFromArguments([encode({ engine: { ...engine, url: "file:///etc/passwd" }, appVersion: "1" })]), undefined);
  assert.equal(launchFromArguments([encode({ engine: { ...engine, token: "x" }, appVersion: "1" })]), undefined);
  assert.equal(launchFromArguments([encode({ engine })]), undefined);
});

test("launchArgument refuses an engine the page could not use", () => {
  assert.throws(() => launchArgument({ engine: { ...engine, url: "http://127.0.0.1:11434/" }, appVersion: "1" }));
  assert.throws(() => launchArgument({ engine: { ...engine, url: "javascript:alert(1)" }, appVersion: "1" }));
});

test("requests are strict: unknown keys and wrong types are refused", () => {
  const { request } = invokeChannels.importGguf;
  assert.equal(request.safeParse({ fileId: "a", model: "tiny" }).success, true);
  assert.equal(request.safeParse({ fileId: "a", model: "tiny", path: "/etc/passwd" }).success, false);
  assert.equal(request.safeParse({ fileId: "a", model: " " }).success, false);
  assert.equal(request.safeParse({ fileId: 1, model: "tiny" }).success, false);
  assert.equal(invokeChannels.chooseGguf.request.safeParse({ anything: 1 }).success, false);
});

test("only http(s) links may be opened", () => {
  const { request } = invokeChannels.openExternal;
  assert.equal(request.safeParse({ url: "https://ollama.com/library" }).success, true);
  for (const url of ["file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "not a url"]) {
    assert.equal(request.safeParse({ url }).success, false, url);
  }
});

test("dialog answers are either canceled or carry their result", () => {
  const { response } = invokeChannels.chooseGguf;
  assert.equal(response.safeParse({ canceled: true }).success, true);
  assert.equal(response.safeParse({ canceled: false, file: { id: "1", fileName: "a.gguf", size: 1, suggestedModel: "a" } }).success, true);
  assert.equal(response.safeParse({ canceled: false }).success, false);
  assert.equal(invokeChannels.chooseDirectory.response.safeParse({ path: null }).success, true);
  assert.equal(invokeChannels.chooseDirectory.response.safeParse({}).success, false);
});

test("replies carry a value or an error message", () => {
  const reply = replySchema(invokeChannels.openExternal.response);
  assert.deepEqual(reply.parse({ ok: true, value: { opened: true } }), { ok: true, value: { opened: true } });
  assert.deepEqual(reply.parse({ ok: false, error: "no" }), { ok: false, error: "no" });
  assert.equal(reply.safeParse({ ok: true, value: { opened: "yes" } }).success, false);
});

test("channel names are unique and namespaced", () => {
  const names = [...Object.values(invokeChannels).map((c) => c.channel), ...Object.values(eventChannels).map((c) => c.channel)];
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^paddock:[a-z-]+$/);
});

test("progress events are validated", () => {
  const { payload } = eventChannels.importProgress;
  assert.equal(payload.safeParse({ fileId: "a", phase: "uploading", completed: 5, total: 10 }).success, true);
  assert.equal(payload.safeParse({ fileId: "a", phase: "deleting" }).success, false);
});
