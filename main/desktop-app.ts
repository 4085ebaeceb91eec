// The desktop app's life: find or host the engine, serve the UI, open the window, the tray and IPC, and stop
// the engine before quitting. Electron comes in as the `electron` argument, shaped like its modules, so that
// all of this runs under Node in tests; main.ts passes the real thing.

import type { MenuItemConstructorOptions, OpenDialogOptions } from "electron";
import { startServer, type RunningServer } from "../app/server/http-server.js";
import type { Settings } from "../app/settings/settings.js";
import { connectEngine, type EngineConnection } from "./engine/engine-connection.js";
import { askAboutExistingServer, type ShowMessageBox } from "./engine/existing-server-prompt.js";
import { detectExistingServer, type ExistingServer } from "./engine/existing-server.js";
import { fetchRunningModels, unloadModel } from "./engine/running-models.js";
import { desktopHandlers } from "./ipc/desktop-handlers.js";
import { registerIpcHandlers, type IpcMainLike } from "./ipc/register-handlers.js";
import { installQuitGuard, type QuitGuard, type QuittableApp } from "./lifecycle/quit-guard.js";
import type { AppPaths } from "./paths/app-paths.js";
import { appProtocolHandler } from "./protocol/app-protocol.js";
import { APP_SCHEME } from "./security/app-origin.js";
import { contentSecurityPolicy } from "./security/content-security-policy.js";
import type { ShellLike } from "./security/external-links.js";
import { hardenSession, type SessionLike } from "./security/session-hardening.js";
import { TrayController, type TrayLike } from "./tray/tray-controller.js";
import { openMainWindow, showWindow, toggleWindow, type BrowserWindowClass, type MainWindowLike } from "./window/main-window.js";

export interface ElectronSurface<W extends MainWindowLike> {
  app: QuittableApp & {
    on(event: "second-instance" | "activate" | "window-all-closed", listener: () => void): unknown;
  };
  BrowserWindow: BrowserWindowClass<W>;
  ipcMain: IpcMainLike;
  dialog: {
    showOpenDialog(window: W, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
    showMessageBox: ShowMessageBox;
    showErrorBox(title: string, content: string): void;
  };
  shell: ShellLike & { openPath(path: string): Promise<string> };
  Tray: new (image: string) => TrayLike;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): unknown };
  protocol: { handle(scheme: string, handler: (request: Request) => Promise<Response>): void };
  session: SessionLike;
}

export interface DesktopOptions {
  settings: Settings;
  /** Settings for an engine restart (stored settings may have changed); defaults to `settings`. */
  reloadSettings?: () => Settings;
  appVersion: string;
  paths: AppPaths;
  start?: (settings: Settings) => Promise<RunningServer>;
  detect?: (baseUrl: string) => Promise<ExistingServer>;
  log?: (line: string) => void;
  trayPollMs?: number;
  /**
   * Whether closing the window hides it to the tray (the engine keeps serving) rather than quitting. main.ts
   * turns it off on Linux: many desktops there never show the tray icon, and the app would run on unseen.
   */
  hideToTrayOnClose?: boolean;
}

export interface DesktopApp<W> {
  engine: EngineConnection;
  window: W;
  tray: TrayController<unknown> | undefined;
  quitGuard: QuitGuard;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves to undefined when the app is quitting instead (the user chose to, or the engine failed to start). */
export async function startDesktopApp<W extends MainWindowLike>(electron: ElectronSurface<W>, options: DesktopOptions): Promise<DesktopApp<W> | undefined> {
  const { app, dialog } = electron;
  const log = options.log ?? (() => {});
  const start = options.start ?? ((settings: Settings) => startServer(settings, log));

  // The engine serves the UI at /app/ to browsers too; packaged, the UI is inside the app, not beside the engine code.
  const withUi = (settings: Settings): Settings => ({ ...settings, uiDir: settings.uiDir ?? options.paths.rendererDir });
  const warmUp = (running: RunningServer | undefined) =>
    running?.engine.runtime.start().then(
      (backend) => log(`runtime: ${backend}`),
      (error: unknown) => log(`runtime failed to start: ${message(error)}`),
    );

  let engine: EngineConnection | undefined;
  try {
    engine = await connectEngine({
      settings: withUi(options.settings),
      reload: () => withUi(options.reloadSettings?.() ?? options.settings),
      detect: options.detect ?? ((url) => detectExistingServer(url)),
      start,
      ask: (existing, url) => askAboutExistingServer((box) => dialog.showMessageBox(box), existing, url),
    });
  } catch (error) {
    dialog.showErrorBox("Paddock could not start its engine", message(error));
  }
  if (!engine) {
    app.quit();
    return undefined;
  }
  const connected = engine;
  log(`engine: ${connected.info.url} (${connected.info.mode}, ${connected.info.server} ${connected.info.version})`);
  void warmUp(connected.running);

  let tray: TrayController<unknown> | undefined;
  const quitGuard = installQuitGuard(app, async () => {
    tray?.stop();
    await connected.close();
  }, { log });

  const policy = contentSecurityPolicy(connected.info.url);
  hardenSession(electron.session, policy);
  electron.protocol.handle(APP_SCHEME, appProtocolHandler(options.paths.rendererDir, policy));

  const window = openMainWindow(electron.BrowserWindow, {
    preloadPath: options.paths.preload,
    launch: { engine: connected.info, appVersion: options.appVersion },
    iconPath: options.paths.icon,
    shell: electron.shell,
    hideOnClose: () => (options.hideToTrayOnClose ?? true) && tray !== undefined && !quitGuard.quitting,
  });

  registerIpcHandlers(
    electron.ipcMain,
    desktopHandlers({
      showOpenDialog: (dialogOptions) => dialog.showOpenDialog(window, dialogOptions),
      shell: electron.shell,
      engineUrl: () => connected.info.url,
      restartEngine: async () => {
        log("restarting the engine");
        await connected.restart();
        void warmUp(connected.running);
        void tray?.refresh();
      },
    }),
  );

  try {
    tray = new TrayController({
      tray: new electron.Tray(options.paths.trayIcon),
      buildMenu: (template) => electron.Menu.buildFromTemplate(template),
      engine: connected.info,
      fetchRunning: () => fetchRunningModels(connected.info.url),
      unload: (model) => unloadModel(connected.info.url, model),
      isWindowVisible: () => !window.isDestroyed() && window.isVisible(),
      toggleWindow: () => toggleWindow(window),
      quit: () => app.quit(),
      pollMs: options.trayPollMs,
      log,
    });
    tray.start();
    window.on("show", () => tray?.render());
    window.on("hide", () => tray?.render());
  } catch (error) {
    // Some Linux desktops have no tray; the window is then the app, and closing it quits.
    log(`no tray: ${message(error)}`);
  }

  app.on("second-instance", () => showWindow(window));
  app.on("activate", () => showWindow(window));
  app.on("window-all-closed", () => app.quit());
  return { engine: connected, window, tray, quitGuard };
}
