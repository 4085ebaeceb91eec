import { join } from "node:path";
import { app, BrowserWindow, shell } from "electron";
import { startServer, type RunningServer } from "../app/server/http-server.js";
import { readSettings } from "../app/settings/settings.js";
import { mainWindowOptions } from "./window-options.js";

// The Electron main process stays thin: it hosts the engine and opens the UI the engine serves.

let server: RunningServer | undefined;

async function openMainWindow(): Promise<void> {
  const settings = readSettings();
  server = await startServer(settings, (line) => console.log(line));
  const window = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, "preload.cjs")));
  window.webContents.setWindowOpenHandler(({ url }) => {
    void shell.openExternal(url);
    return { action: "deny" };
  });
  window.webContents.on("will-navigate", (event) => event.preventDefault());
  window.once("ready-to-show", () => window.show());
  await window.loadURL(`${server.url}/app/`);
}

app.whenReady().then(openMainWindow, (error: unknown) => {
  console.error(error);
  app.quit();
});

app.on("window-all-closed", () => app.quit());

app.on("before-quit", (event) => {
  if (!server) return;
  event.preventDefault();
  const closing = server;
  server = undefined;
  void closing.close().finally(() => app.quit());
});
