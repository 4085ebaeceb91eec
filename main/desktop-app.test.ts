import { test, before, after } from "node:test";
import "./testing/isolated-data-dir.js";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MenuItemConstructorOptions, OpenDialogOptions } from "electron";
import { startServer } from "../app/server/http-server.js";
import { readSettings, type Settings } from "../app/settings/settings.js";
import { startTestEngine } from "../app/testing/test-engine.js";
import { startDesktopApp, type ElectronSurface } from "./desktop-app.js";
import { detectExistingServer } from "./engine/existing-server.js";
import type { MessageBoxOptionsLike } from "./engine/existing-server-prompt.js";
import { createDesktopApi } from "./ipc/desktop-api.js";
import { launchFromArguments } from "./ipc/contract.js";
import type { AppPaths } from "./paths/app-paths.js";
import type { SessionLike } from "./security/session-hardening.js";
import { FakeApp } from "./testing/fake-app.js";
import { FakeIpc } from "./testing/fake-ipc.js";
import { freePort } from "./testing/fake-servers.js";
import { FakeWindow } from "./testing/fake-window.js";
import type { TrayLike } from "./tray/tray-controller.js";

let scratch: string;
let paths: AppPaths;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "paddock-desktop-test-"));
  const rendererDir = join(scratch, "renderer");
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, "index.html"), "<!doctype html><title>Paddock UI</title>");
  paths = { preload: join(scratch, "preload.cjs"), rendererDir, icon: join(scratch, "icon.png"), trayIcon: join(scratch, "tray.png") };
});
after(() => rm(scratch, { recursive: true, force: true }));

async function settingsOn(host: string): Promise<Settings> {
  return readSettings({ PADDOCK_HOST: host, PADDOCK_MODELS: await mkdtemp(join(scratch, "models-")) });
}

class FakeTray implements TrayLike {
  static last: FakeTray | undefined;
  menus: MenuItemConstructorOptions[][] = [];
  destroyed = false;
  constructor(readonly image: string) {
    FakeTray.last = this;
  }
  setToolTip() {}
  setContextMenu(menu: unknown) {
    this.menus.push(menu as MenuItemConstructorOptions[]);
  }
  on() {}
  destroy() {
    this.destroyed = true;
  }
}

/** Everything Electron provides, faked; `answers` are the buttons the user picks in message boxes. */
function fakeElectron(answers: number[] = [], folder = "/chosen/models") {
  const app = new FakeApp();
  const ipc = new FakeIpc();
  const messages: MessageBoxOptionsLike[] = [];
  const errors: string[] = [];
  const protocols = new Map<string, (request: Request) => Promise<Response>>();
  const windows: FakeWindow[] = [];
  const openDialogs: OpenDialogOptions[] = [];
  class Window extends FakeWindow {
    constructor(options: ConstructorParameters<typeof FakeWindow>[0]) {
      super(options);
      windows.push(this);
    }
  }
  const session: SessionLike = { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, webRequest: { onHeadersReceived() {} } };
  const electron: ElectronSurface<FakeWindow> = {
    app,
    BrowserWindow: Window,
    ipcMain: ipc.main,
    dialog: {
      showOpenDialog: async (_window, options) => (openDialogs.push(options), { canceled: false, filePaths: [folder] }),
      showMessageBox: async (options) => (messages.push(options), { response: answers.shift() ?? options.cancelId }),
      showErrorBox: (title, content) => void errors.push(`${title}: ${content}`),
    },
    shell: { openExternal: async () => {}, openPath: async () => "" },
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template) => template },
    protocol: { handle: (scheme, handler) => void protocols.set(scheme, handler) },
    session,
  };
  return { electron, app, ipc, messages, errors, protocols, windows, openDialogs };
}

test("on a free port: hosts the engine, serves the UI, opens the window, tray and IPC, and stops the engine on quit", async () => {
  const settings = await settingsOn(`127.0.0.1:${await freePort()}`);
  const fake = fakeElectron();
  const desktop = (await startDesktopApp(fake.electron, { settings, paths, appVersion: "9.9.9", trayPollMs: 60_000 }))!;
  const url = settings.baseUrl;
  assert.deepEqual(desktop.engine.info, { url, mode: "embedded", server: "paddock", version: desktop.engine.info.version });
  assert.equal((await detectExistingServer(url)).kind, "paddock");
  assert.deepEqual(fake.messages, []);

  // The window: one, hardened, on the app protocol, told where the engine is.
  assert.equal(fake.windows.length, 1);
  const [window] = fake.windows;
  assert.deepEqual(window!.loaded, ["app://paddock/app/"]);
  assert.deepEqual(launchFromArguments(window!.options.webPreferences!.additionalArguments!), { engine: desktop.engine.info, appVersion: "9.9.9" });

  // The UI comes from the app's own files with a CSP that lets it reach this engine only.
  const page = await fake.protocols.get("app")!(new Request("app://paddock/app/"));
  assert.match(await page.text(), /Paddock UI/);
  assert.match(page.headers.get("content-security-policy")!, new RegExp(`connect-src 'self' ${url.replace(/\./g, "\\.")}(;|$)`));
  // The engine serves the same UI to browsers.
  assert.match(await (await fetch(`${url}/app/`)).text(), /Paddock UI/);

  // IPC works end to end through the preload's half of the contract.
  const api = createDesktopApi(fake.ipc.renderer, window!.options.webPreferences!.additionalArguments!);
  assert.equal(await api.chooseDirectory(), "/chosen/models");

  // The tray lists what the engine runs.
  await desktop.tray!.refresh();
  assert.ok(FakeTray.last!.menus.at(-1)!.some((item) => item.label === "No models running"));

  // With a tray, closing the window hides it and the engine keeps serving.
  assert.equal(window!.userCloses(), false);
  assert.equal((await detectExistingServer(url)).kind, "paddock");

  fake.app.quit();
  await fake.app.done;
  assert.deepEqual(await detectExistingServer(url), { kind: "none" });
  assert.equal(FakeTray.last!.destroyed, true);
  assert.equal(window!.userCloses(), true);
});

test("with Paddock already running: offers it, uses it, starts no engine and leaves it running on quit", async () => {
  const existing = await startTestEngine();
  try {
    const settings = await settingsOn(new URL(existing.url).host);
    const fake = fakeElectron([0]);
    let started = 0;
    const desktop = (await startDesktopApp(fake.electron, { settings, paths, appVersion: "1", start: async (s) => (started++, startServer(s)), trayPollMs: 60_000 }))!;
    assert.match(fake.messages[0]!.message, /^Paddock .* is already running at http:\/\/127\.0\.0\.1:\d+\.$/);
    assert.equal(started, 0);
    assert.deepEqual(desktop.engine.info, { url: existing.url, mode: "external", server: "paddock", version: desktop.engine.info.version });
    const api = createDesktopApi(fake.ipc.renderer, fake.windows[0]!.options.webPreferences!.additionalArguments!);
    await assert.rejects(api.restartEngine(), /restart it there/);
    fake.app.quit();
    await fake.app.done;
    assert.equal((await detectExistingServer(existing.url)).kind, "paddock");
  } finally {
    await existing.close();
  }
});

test("choosing Quit in that question quits without a window", async () => {
  const existing = await startTestEngine();
  try {
    const fake = fakeElectron([2]);
    const desktop = await startDesktopApp(fake.electron, { settings: await settingsOn(new URL(existing.url).host), paths, appVersion: "1" });
    assert.equal(desktop, undefined);
    assert.equal(fake.windows.length, 0);
    assert.equal(fake.app.quitRequests, 1);
  } finally {
    await existing.close();
  }
});

test("an engine that cannot start is reported and the app quits", async () => {
  const fake = fakeElectron();
  const settings = await settingsOn(`127.0.0.1:${await freePort()}`);
  const failing = async () => {
    throw new Error("listen EACCES: permission denied 127.0.0.1:11434");
  };
  assert.equal(await startDesktopApp(fake.electron, { settings, paths, appVersion: "1", start: failing }), undefined);
  assert.deepEqual(fake.errors, ["Paddock could not start its engine: listen EACCES: permission denied 127.0.0.1:11434"]);
  assert.equal(fake.app.quitRequests, 1);
  assert.equal(fake.windows.length, 0);
});

test("without a tray, closing the window closes it (and so quits)", async () => {
  const fake = fakeElectron();
  fake.electron.Tray = class {
    constructor() {
      throw new Error("no StatusNotifier host");
    }
  } as unknown as ElectronSurface<FakeWindow>["Tray"];
  const lines: string[] = [];
  const settings = await settingsOn(`127.0.0.1:${await freePort()}`);
  const desktop = (await startDesktopApp(fake.electron, { settings, paths, appVersion: "1", log: (line) => lines.push(line) }))!;
  assert.equal(desktop.tray, undefined);
  assert.ok(lines.some((line) => line.includes("no tray: no StatusNotifier host")));
  assert.equal(fake.windows[0]!.userCloses(), true);
  fake.app.emit("window-all-closed");
  await fake.app.done;
  assert.deepEqual(await detectExistingServer(settings.baseUrl), { kind: "none" });
});

test("restarting from the UI brings the engine back at the same URL with the settings saved since", async () => {
  const settings = await settingsOn(`127.0.0.1:${await freePort()}`);
  const laterModels = await mkdtemp(join(scratch, "models-later-"));
  const fake = fakeElectron();
  const desktop = (await startDesktopApp(fake.electron, {
    settings,
    reloadSettings: () => ({ ...settings, modelsDir: laterModels }),
    paths,
    appVersion: "1",
    trayPollMs: 60_000,
  }))!;
  const modelsDir = async () => {
    const view = (await (await fetch(`${settings.baseUrl}/api/paddock/settings`)).json()) as { effective: { models_dir: string } };
    return view.effective.models_dir;
  };
  assert.equal(await modelsDir(), settings.modelsDir);
  const api = createDesktopApi(fake.ipc.renderer, fake.windows[0]!.options.webPreferences!.additionalArguments!);
  await api.restartEngine();
  assert.equal(desktop.engine.info.url, settings.baseUrl);
  assert.equal(await modelsDir(), laterModels);
  fake.app.quit();
  await fake.app.done;
  assert.deepEqual(await detectExistingServer(settings.baseUrl), { kind: "none" });
});

test("where closing should quit (Linux), the window closes even with a tray", async () => {
  const fake = fakeElectron();
  const settings = await settingsOn(`127.0.0.1:${await freePort()}`);
  const desktop = (await startDesktopApp(fake.electron, { settings, paths, appVersion: "1", hideToTrayOnClose: false, trayPollMs: 60_000 }))!;
  assert.notEqual(desktop.tray, undefined);
  assert.equal(fake.windows[0]!.userCloses(), true);
  fake.app.emit("window-all-closed");
  await fake.app.done;
  assert.deepEqual(await detectExistingServer(settings.baseUrl), { kind: "none" });
});
