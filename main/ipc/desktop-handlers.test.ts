import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenDialogOptions } from "electron";
import { startTestEngine, type TestEngine } from "../../app/testing/test-engine.js";
import { testModelPath } from "../../app/testing/test-model-file.js";
import { FakeIpc } from "../testing/fake-ipc.js";
import { launchArgument, type ImportProgress } from "./contract.js";
import { createDesktopApi } from "./desktop-api.js";
import { desktopHandlers } from "./desktop-handlers.js";
import { registerIpcHandlers } from "./register-handlers.js";

let engine: TestEngine;
let scratch: string;
before(async () => {
  engine = await startTestEngine();
  scratch = await mkdtemp(join(tmpdir(), "paddock-handlers-test-"));
});
after(async () => {
  await engine.close();
  await rm(scratch, { recursive: true, force: true });
});

/** The page's window.paddock wired through fake IPC to the real handlers; the dialog answers from a list. */
function desktop(answers: Array<{ canceled: boolean; filePaths: string[] }>) {
  const dialogs: OpenDialogOptions[] = [];
  const opened: string[] = [];
  const shown: string[] = [];
  let restarts = 0;
  const ipc = new FakeIpc();
  registerIpcHandlers(
    ipc.main,
    desktopHandlers({
      showOpenDialog: async (options) => (dialogs.push(options), answers.shift() ?? { canceled: true, filePaths: [] }),
      shell: { openExternal: async (url) => void opened.push(url), openPath: async (path) => (shown.push(path), "") },
      engineUrl: () => engine.url,
      restartEngine: async () => void restarts++,
    }),
  );
  const launch = { engine: { url: engine.url, mode: "embedded", server: "paddock", version: "0.1.0" }, appVersion: "0.1.0" } as const;
  const api = createDesktopApi(ipc.renderer, ["electron", launchArgument(launch)]);
  return { api, dialogs, opened, shown, restarts: () => restarts };
}

test("import a GGUF: pick it in the dialog, then upload and create it with progress", async () => {
  const path = await testModelPath();
  const { api, dialogs } = desktop([{ canceled: false, filePaths: [path] }]);
  const picked = await api.chooseGguf();
  assert.equal(picked.canceled, false);
  if (picked.canceled) return;
  assert.deepEqual(dialogs[0]!.properties, ["openFile"]);
  assert.deepEqual(dialogs[0]!.filters![0], { name: "GGUF models", extensions: ["gguf"] });
  assert.ok(picked.file.size > 0);
  assert.equal(picked.file.fileName, path.split("/").at(-1));
  assert.doesNotMatch(JSON.stringify(picked), new RegExp(scratch.replace(/[/\\]/g, ".")));

  const progress: ImportProgress[] = [];
  api.onImportProgress((step) => progress.push(step));
  const created = await api.importGguf({ fileId: picked.file.id, model: "desk-import" });
  assert.equal(created.model, "desk-import");
  assert.ok(progress.length >= 3 && progress.every((step) => step.fileId === picked.file.id));
  assert.equal(progress.at(-1)!.status, "success");
  const tags = (await (await fetch(`${engine.url}/api/tags`)).json()) as { models: Array<{ name: string }> };
  assert.ok(tags.models.some((model) => model.name === "desk-import:latest"));

  // The id was used up: it cannot be replayed.
  await assert.rejects(api.importGguf({ fileId: picked.file.id, model: "again" }), /unknown file/);
});

test("an id the dialog never gave out is refused", async () => {
  const { api } = desktop([]);
  await assert.rejects(api.importGguf({ fileId: "3f2a", model: "x" }), /unknown file: choose it again/);
});

test("a picked file that is not GGUF is refused at once", async () => {
  const path = join(scratch, "notes.gguf");
  await writeFile(path, "just text");
  const { api } = desktop([{ canceled: false, filePaths: [path] }]);
  await assert.rejects(api.chooseGguf(), /notes\.gguf is not a GGUF file/);
});

test("canceled dialogs answer canceled", async () => {
  const { api } = desktop([{ canceled: true, filePaths: [] }, { canceled: true, filePaths: [] }]);
  assert.deepEqual(await api.chooseGguf(), { canceled: true });
  assert.equal(await api.chooseDirectory(), null);
});

test("the folder dialog picks a directory, with the page's title and starting folder", async () => {
  const { api, dialogs } = desktop([{ canceled: false, filePaths: [scratch] }]);
  assert.equal(await api.chooseDirectory({ title: "Models folder", defaultPath: "/srv/models" }), scratch);
  assert.deepEqual(dialogs[0]!.properties, ["openDirectory", "createDirectory"]);
  assert.equal(dialogs[0]!.title, "Models folder");
  assert.equal(dialogs[0]!.defaultPath, "/srv/models");
});

test("only existing folders are shown in the file manager", async () => {
  const { api, shown } = desktop([]);
  await api.showFolder(scratch);
  const file = join(scratch, "run-me.sh");
  await writeFile(file, "#!/bin/sh\n");
  await assert.rejects(api.showFolder(file), /is not a folder/);
  await assert.rejects(api.showFolder(join(scratch, "missing")), /is not a folder/);
  await assert.rejects(api.showFolder("relative/path"), /is not a folder/);
  assert.deepEqual(shown, [scratch]);
});

test("restarting the engine is passed on to the main process", async () => {
  const { api, restarts } = desktop([]);
  await api.restartEngine();
  assert.equal(restarts(), 1);
});

test("links open in the system browser", async () => {
  const { api, opened } = desktop([]);
  assert.deepEqual(await api.openExternal("https://ollama.com/library"), { opened: true });
  assert.deepEqual(opened, ["https://ollama.com/library"]);
});
