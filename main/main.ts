import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, Tray } from "electron";
import { withStoredSettings } from "../app/history/history.js";
import { readSettings } from "../app/settings/settings.js";
import { startDesktopApp } from "./desktop-app.js";
import { appPaths } from "./paths/app-paths.js";
import { APP_SCHEME_PRIVILEGES } from "./protocol/app-protocol.js";

// The composition root: real Electron in, everything else lives in desktop-app.ts and is tested under Node.

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

// Must happen before "ready": the UI's app:// origin behaves like https (fetch, storage, secure context).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // A second start would find our own engine on the port; the first instance shows its window instead.
  app.quit();
} else {
  // Ctrl+C in `npm start`, or a service manager: quit the normal way so the engine stops cleanly.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => app.quit());
  // Windows groups taskbar entries and notifications by this id; it must match electron-builder's appId.
  if (process.platform === "win32") app.setAppUserModelId("app.paddock.desktop");

  app
    .whenReady()
    .then(() => {
      // Settings saved in the UI apply from the next engine start: this one, or a restart from the UI.
      const currentSettings = () => readSettings(withStoredSettings(process.env));
      const settings = currentSettings();
      for (const warning of settings.warnings) log(`warning: ${warning}`);
      return startDesktopApp(
        { app, BrowserWindow, ipcMain, dialog, shell, Tray, Menu, protocol, session: session.defaultSession },
        {
          settings,
          reloadSettings: currentSettings,
          hideToTrayOnClose: process.platform !== "linux",
          appVersion: app.getVersion(),
          paths: appPaths({ mainDir: import.meta.dirname, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, platform: process.platform }),
          log,
        },
      );
    })
    .catch((error: unknown) => {
      dialog.showErrorBox("Paddock failed to start", error instanceof Error ? (error.stack ?? error.message) : String(error));
      app.exit(1);
    });
}
