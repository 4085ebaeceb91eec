import { test } from "node:test";
import assert from "node:assert/strict";
import { FakeIpc } from "../testing/fake-ipc.js";
import { launchArgument, type EngineInfo, type ImportProgress } from "./contract.js";
import { createDesktopApi } from "./desktop-api.js";
import { registerIpcHandlers, type InvokeHandlers } from "./register-handlers.js";

const engine: EngineInfo = { url: "http://127.0.0.1:11434", mode: "embedded", server: "paddock", version: "0.1.0" };
const argv = ["electron", launchArgument({ engine, appVersion: "1.2.3" })];

function handlers(overrides: Partial<InvokeHandlers> = {}): InvokeHandlers {
  return {
    chooseGguf: async () => ({ canceled: true }),
    importGguf: async ({ model }) => ({ model, digest: `sha256:${"0".repeat(64)}` }),
    chooseDirectory: async () => ({ path: "/models" }),
    showFolder: async () => ({}),
    restartEngine: async () => ({}),
    openExternal: async () => ({ opened: true }),
    ...overrides,
  };
}

test("the preload exposes the engine and version it was started with", () => {
  const api = createDesktopApi(new FakeIpc().renderer, argv);
  assert.equal(api.desktop, true);
  assert.deepEqual(api.engine, engine);
  assert.equal(api.appVersion, "1.2.3");
});

test("the preload refuses to start without an engine", () => {
  assert.throws(() => createDesktopApi(new FakeIpc().renderer, ["electron"]), /did not pass the engine/);
});

test("calls go through the contract on both sides and come back typed", async () => {
  const ipc = new FakeIpc();
  registerIpcHandlers(ipc.main, handlers());
  const api = createDesktopApi(ipc.renderer, argv);
  assert.equal(await api.chooseDirectory({ title: "Models folder" }), "/models");
  assert.equal(await api.showFolder("/models"), undefined);
  assert.equal(await api.restartEngine(), undefined);
  assert.deepEqual(await api.importGguf({ fileId: "f1", model: "tiny" }), { model: "tiny", digest: `sha256:${"0".repeat(64)}` });
  assert.deepEqual(await api.openExternal("https://example.com/"), { opened: true });
});

test("an invalid request is refused in the preload before it is sent", async () => {
  const ipc = new FakeIpc();
  let sent = 0;
  const counting = { ...ipc.renderer, invoke: async (channel: string, ...args: unknown[]) => (sent++, ipc.renderer.invoke(channel, ...args)) };
  registerIpcHandlers(ipc.main, handlers());
  const api = createDesktopApi(counting, argv);
  await assert.rejects(api.openExternal("file:///etc/passwd"));
  await assert.rejects(api.importGguf({ fileId: "", model: "tiny" }));
  assert.equal(sent, 0);
});

test("a handler's error reaches the page as a plain Error with its message", async () => {
  const ipc = new FakeIpc();
  registerIpcHandlers(ipc.main, handlers({ importGguf: async () => { throw new Error("tiny.gguf is not a GGUF file"); } }));
  const api = createDesktopApi(ipc.renderer, argv);
  await assert.rejects(api.importGguf({ fileId: "f1", model: "tiny" }), { message: "tiny.gguf is not a GGUF file" });
});

test("an answer that does not match the contract is refused by the preload", async () => {
  const ipc = new FakeIpc();
  ipc.main.handle("paddock:choose-directory", () => ({ ok: true, value: { path: 42 } }));
  const api = createDesktopApi(ipc.renderer, argv);
  await assert.rejects(api.chooseDirectory());
});

test("progress events reach listeners until they unsubscribe; malformed ones are dropped", async () => {
  const ipc = new FakeIpc();
  registerIpcHandlers(
    ipc.main,
    handlers({
      importGguf: async ({ fileId, model }, context) => {
        context.emit("importProgress", { fileId, phase: "hashing", completed: 1, total: 2 });
        context.emit("importProgress", { fileId, phase: "creating", status: "success" });
        return { model, digest: "sha256:x" };
      },
    }),
  );
  const api = createDesktopApi(ipc.renderer, argv);
  const seen: ImportProgress[] = [];
  const stop = api.onImportProgress((progress) => seen.push(progress));
  for (const listener of ipc.rendererListeners.get("paddock:import-progress") ?? []) listener({}, { phase: "bogus" });
  await api.importGguf({ fileId: "f1", model: "tiny" });
  assert.deepEqual(seen, [
    { fileId: "f1", phase: "hashing", completed: 1, total: 2 },
    { fileId: "f1", phase: "creating", status: "success" },
  ]);
  stop();
  await api.importGguf({ fileId: "f2", model: "tiny" });
  assert.equal(seen.length, 2);
});
