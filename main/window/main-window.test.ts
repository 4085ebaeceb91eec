import { test } from "node:test";
import assert from "node:assert/strict";
import { launchFromArguments, type DesktopLaunch } from "../ipc/contract.js";
import { FakeWindow } from "../testing/fake-window.js";
import { openMainWindow, showWindow, toggleWindow } from "./main-window.js";

const launch: DesktopLaunch = { engine: { url: "http://127.0.0.1:11434", mode: "embedded", server: "paddock", version: "0.1.0" }, appVersion: "0.1.0" };

function open(hideOnClose: () => boolean) {
  const opened: string[] = [];
  const window = openMainWindow(FakeWindow, {
    preloadPath: "/app/out/main/preload.cjs",
    launch,
    shell: { openExternal: async (url) => void opened.push(url) },
    hideOnClose,
  });
  return { window, opened };
}

test("the window is hardened, loads the UI from the app protocol and shows when ready", () => {
  const { window } = open(() => false);
  assert.equal(window.options.webPreferences!.sandbox, true);
  assert.deepEqual(launchFromArguments(window.options.webPreferences!.additionalArguments!), launch);
  assert.deepEqual(window.loaded, ["app://paddock/app/"]);
  assert.equal(window.visible, true);
});

test("its navigation is guarded", () => {
  const { window, opened } = open(() => false);
  assert.deepEqual(window.webContents.openHandler!({ url: "https://example.com/" }), { action: "deny" });
  assert.deepEqual(opened, ["https://example.com/"]);
});

test("closing hides the window while the tray keeps the app, and closes it when quitting", () => {
  let hide = true;
  const { window } = open(() => hide);
  assert.equal(window.userCloses(), false);
  assert.equal(window.visible, false);
  hide = false;
  assert.equal(window.userCloses(), true);
});

test("show restores a minimized window; toggle hides a visible one", () => {
  const { window } = open(() => false);
  window.minimized = true;
  toggleWindow(window);
  assert.equal(window.minimized, false);
  assert.equal(window.visible, true);
  toggleWindow(window);
  assert.equal(window.visible, false);
  window.destroyed = true;
  showWindow(window);
  assert.equal(window.visible, false);
});
