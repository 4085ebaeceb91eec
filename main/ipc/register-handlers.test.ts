import { test } from "node:test";
import assert from "node:assert/strict";
import { FakeIpc } from "../testing/fake-ipc.js";
import { invokeChannels } from "./contract.js";
import { registerIpcHandlers, type InvokeHandlers } from "./register-handlers.js";

function recordingHandlers() {
  const calls: string[] = [];
  const handlers: InvokeHandlers = {
    chooseGguf: async () => (calls.push("chooseGguf"), { canceled: true }),
    importGguf: async ({ model }) => (calls.push("importGguf"), { model, digest: "sha256:x" }),
    chooseDirectory: async () => (calls.push("chooseDirectory"), { path: null }),
    showFolder: async () => (calls.push("showFolder"), {}),
    restartEngine: async () => (calls.push("restartEngine"), {}),
    openExternal: async () => (calls.push("openExternal"), { opened: true }),
  };
  return { calls, handlers };
}

test("every channel of the contract gets a handler, and they can be removed again", () => {
  const ipc = new FakeIpc();
  const unregister = registerIpcHandlers(ipc.main, recordingHandlers().handlers);
  assert.deepEqual([...ipc.handlers.keys()].sort(), Object.values(invokeChannels).map((c) => c.channel).sort());
  unregister();
  assert.equal(ipc.handlers.size, 0);
});

test("calls from frames that are not our own page are refused before any handler runs", async () => {
  const untrusted = [
    null,
    { url: "https://evil.example/", parent: null },
    { url: "http://127.0.0.1:11434/app/", parent: null },
    { url: "app://paddock.evil/app/", parent: null },
    { url: "file:///tmp/index.html", parent: null },
    { url: "app://paddock/app/", parent: { url: "app://paddock/app/" } },
  ];
  for (const frame of untrusted) {
    const ipc = new FakeIpc();
    const { calls, handlers } = recordingHandlers();
    registerIpcHandlers(ipc.main, handlers);
    ipc.frame = frame;
    const reply = (await ipc.renderer.invoke("paddock:open-external", { url: "https://example.com" })) as { ok: boolean; error?: string };
    assert.equal(reply.ok, false, JSON.stringify(frame));
    assert.match(reply.error!, /refused/);
    assert.deepEqual(calls, []);
  }
});

test("our own page's calls are answered", async () => {
  const ipc = new FakeIpc();
  const { calls, handlers } = recordingHandlers();
  registerIpcHandlers(ipc.main, handlers);
  ipc.frame = { url: "app://paddock/app/chat/123?x=1#y", parent: null };
  assert.deepEqual(await ipc.renderer.invoke("paddock:open-external", { url: "https://example.com" }), { ok: true, value: { opened: true } });
  assert.deepEqual(calls, ["openExternal"]);
});

test("requests that break the contract never reach a handler", async () => {
  const ipc = new FakeIpc();
  const { calls, handlers } = recordingHandlers();
  registerIpcHandlers(ipc.main, handlers);
  const bad: Array<[string, unknown[]]> = [
    ["paddock:open-external", [{ url: "file:///etc/passwd" }]],
    ["paddock:import-gguf", [{ fileId: "x", model: "tiny", path: "/etc/passwd" }]],
    ["paddock:import-gguf", [{ fileId: "x" }]],
    ["paddock:choose-gguf", [{}, "extra"]],
    ["paddock:choose-gguf", []],
  ];
  for (const [channel, args] of bad) {
    const reply = (await ipc.renderer.invoke(channel, ...args)) as { ok: boolean; error?: string };
    assert.equal(reply.ok, false, `${channel} ${JSON.stringify(args)}`);
    assert.match(reply.error!, /invalid request/);
  }
  assert.deepEqual(calls, []);
});

test("a handler's failure and an answer outside the contract both become an error reply", async () => {
  const ipc = new FakeIpc();
  const { handlers } = recordingHandlers();
  registerIpcHandlers(ipc.main, {
    ...handlers,
    chooseGguf: async () => {
      throw new Error("disk on fire");
    },
    chooseDirectory: async () => ({ path: 7 }) as never,
  });
  assert.deepEqual(await ipc.renderer.invoke("paddock:choose-gguf", {}), { ok: false, error: "disk on fire" });
  assert.equal(((await ipc.renderer.invoke("paddock:choose-directory", {})) as { ok: boolean }).ok, false);
});

test("events are validated before they are sent, and not sent to a closed page", async () => {
  const ipc = new FakeIpc();
  const { handlers } = recordingHandlers();
  registerIpcHandlers(ipc.main, {
    ...handlers,
    importGguf: async ({ fileId, model }, context) => {
      context.emit("importProgress", { fileId, phase: "uploading", completed: 1, total: 2 });
      return { model, digest: "sha256:x" };
    },
    chooseGguf: async (_request, context) => {
      context.emit("importProgress", { fileId: "x", phase: "exploding" } as never);
      return { canceled: true };
    },
  });
  await ipc.renderer.invoke("paddock:import-gguf", { fileId: "f", model: "m" });
  assert.deepEqual(ipc.sent, [{ channel: "paddock:import-progress", args: [{ fileId: "f", phase: "uploading", completed: 1, total: 2 }] }]);
  assert.equal(((await ipc.renderer.invoke("paddock:choose-gguf", {})) as { ok: boolean }).ok, false);
  ipc.senderDestroyed = true;
  await ipc.renderer.invoke("paddock:import-gguf", { fileId: "f", model: "m" });
  assert.equal(ipc.sent.length, 1);
});
