import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { appPaths } from "./app-paths.js";

test("from a source checkout the files are beside out/main and in resources/", () => {
  const paths = appPaths({ mainDir: "/src/paddock/out/main", isPackaged: false, resourcesPath: "/unused", platform: "linux" });
  assert.deepEqual(paths, {
    preload: "/src/paddock/out/main/preload.cjs",
    rendererDir: "/src/paddock/out/renderer",
    icon: "/src/paddock/resources/icon.png",
    trayIcon: "/src/paddock/resources/tray.png",
  });
});

test("packaged, the code is in app.asar and the icons are extra resources", () => {
  const paths = appPaths({ mainDir: "/opt/Paddock/resources/app.asar/out/main", isPackaged: true, resourcesPath: "/opt/Paddock/resources", platform: "darwin" });
  assert.equal(paths.preload, "/opt/Paddock/resources/app.asar/out/main/preload.cjs");
  assert.equal(paths.rendererDir, "/opt/Paddock/resources/app.asar/out/renderer");
  assert.equal(paths.icon, "/opt/Paddock/resources/icons/icon.png");
  assert.equal(paths.trayIcon, "/opt/Paddock/resources/icons/trayTemplate.png");
});

test("the icons it names exist in resources/", () => {
  const mainDir = fileURLToPath(new URL("../../out/main", import.meta.url));
  for (const platform of ["linux", "darwin", "win32"] as const) {
    const { icon, trayIcon } = appPaths({ mainDir, isPackaged: false, resourcesPath: "", platform });
    assert.ok(existsSync(icon), icon);
    assert.ok(existsSync(trayIcon), trayIcon);
  }
});
