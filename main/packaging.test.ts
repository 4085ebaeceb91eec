// electron-builder is not installed here (nor is Electron's binary), so packaging itself cannot run in tests.
// These checks keep electron-builder.yml in step with what the build writes and the main process expects.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { appPaths } from "./paths/app-paths.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const config = readFileSync(`${root}/electron-builder.yml`, "utf8");
const build = readFileSync(`${root}/scripts/build-desktop.mjs`, "utf8");
const packageJson = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { main: string };

/** The items of a top-level YAML list (`key:` followed by `  - item` lines), without quotes. */
function listUnder(key: string): string[] {
  const block = new RegExp(`^${key}:\\n((?:[ \\t]+(?:-.*|#.*)\\n)+)`, "m").exec(config);
  assert.ok(block, `${key} is missing`);
  return [...block[1]!.matchAll(/^\s+-\s+"?([^"\n]+?)"?\s*$/gm)].map((match) => match[1]!);
}

test("the packaged app starts the bundle the build writes", () => {
  assert.equal(packageJson.main, "out/main/main.mjs");
  assert.match(build, /entryPoints: \{ main: "main\/main\.ts" \}/);
  assert.ok(listUnder("files").includes("out/**"));
  assert.ok(listUnder("files").includes("package.json"));
  assert.match(config, /^asar: true$/m);
});

test("what runs outside the archive is unpacked: the worker, the probe and every node module", () => {
  const unpacked = listUnder("asarUnpack");
  for (const path of ["out/main/llama-worker.js", "out/main/probe-entry.mjs", "out/main/package.json", "node_modules/**"]) {
    assert.ok(unpacked.includes(path), `${path} is not unpacked`);
  }
  // …and those are the names the build gives them.
  assert.match(build, /"llama-worker": "app\/runtime\/llama-worker\.ts"/);
  assert.match(build, /"probe-entry": "app\/runtime\/probe-entry\.ts"/);
  assert.match(build, /writeFile\("out\/main\/package\.json"/);
  assert.ok(build.includes('"/app.asar.unpacked/"'), "the main bundle does not point the engine at app.asar.unpacked");
});

test("native packages stay out of the bundles", () => {
  for (const name of ["electron", "node-llama-cpp", "@node-llama-cpp/*", "better-sqlite3"]) assert.ok(build.includes(`"${name}"`), name);
});

test("the icons the main process loads are shipped where it looks for them", () => {
  assert.match(config, /extraResources:\n\s+- from: resources\n\s+to: icons\n/);
  const filter = /extraResources:[\s\S]*?filter:\n((?:\s+- .*\n)+)/.exec(config)![1]!;
  const shipped = [...filter.matchAll(/- (\S+)/g)].map((match) => match[1]!);
  for (const platform of ["linux", "darwin", "win32"] as const) {
    const { icon, trayIcon } = appPaths({ mainDir: "/x/app.asar/out/main", isPackaged: true, resourcesPath: "/x", platform });
    for (const file of [icon, trayIcon]) {
      assert.ok(file.startsWith("/x/icons/"), file);
      assert.ok(shipped.includes(file.slice("/x/icons/".length)), `${file} is not shipped`);
    }
  }
  for (const file of shipped) assert.ok(existsSync(`${root}/resources/${file}`), file);
});

test("platform icons exist and the macOS one is large enough for an .icns", () => {
  for (const [, file] of config.matchAll(/^\s+icon: (\S+)$/gm)) {
    assert.ok(existsSync(`${root}/${file}`), file);
    const png = readFileSync(`${root}/${file}`);
    assert.equal(png.toString("latin1", 1, 4), "PNG");
    assert.ok(png.readUInt32BE(16) >= 256, `${file} is smaller than 256 px`);
  }
  const mac = /mac:[\s\S]*?icon: (\S+)/.exec(config)![1]!;
  assert.ok(readFileSync(`${root}/${mac}`).readUInt32BE(16) >= 512);
});

test("Windows' app id in the main process is the packaged appId", () => {
  const appId = /^appId: (\S+)$/m.exec(config)![1];
  assert.ok(readFileSync(`${root}/main/main.ts`, "utf8").includes(`app.setAppUserModelId("${appId}")`));
});
