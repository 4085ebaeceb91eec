// Electron's binary is not available everywhere the tests run, and the engine must run without it
// (`paddock serve`, CI). These tests keep Electron where it belongs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === "node_modules" || entry.startsWith(".")) return [];
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry) ? [full] : [];
  });
}

/** Every way a module can pull in electron (or electron/main, …), with whether the import is type-only. */
function electronImports(source: string): Array<{ text: string; typeOnly: boolean }> {
  const found: Array<{ text: string; typeOnly: boolean }> = [];
  const patterns = [
    /\b(import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s*['"`](electron(?:\/[^'"`]*)?)['"`]/g,
    /\bimport\s*['"`](electron(?:\/[^'"`]*)?)['"`]/g,
    /\bimport\s*\(\s*['"`](electron(?:\/[^'"`]*)?)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`](electron(?:\/[^'"`]*)?)['"`]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) found.push({ text: match[0], typeOnly: Boolean(match[2]) && match[0].startsWith("import") });
  }
  return found;
}

test("the scanner sees every form of import", () => {
  const forms = [
    `import { app } from "electron";`,
    `import * as e from 'electron/main';`,
    `export { shell } from "electron";`,
    `import "electron";`,
    `const e = await import("electron");`,
    `const e = require('electron');`,
    `import type { App } from "electron";`,
  ];
  assert.deepEqual(forms.map((form) => electronImports(form).length), [1, 1, 1, 1, 1, 1, 1]);
  assert.equal(electronImports(`import type { App } from "electron";`)[0]!.typeOnly, true);
  assert.deepEqual(electronImports(`import { x } from "electron-builder"; import y from "./electron.js";`), []);
});

test("nothing under app/ imports electron, not even its types", () => {
  const offenders = sourceFiles(join(root, "app")).filter((file) => electronImports(readFileSync(file, "utf8")).length > 0);
  assert.deepEqual(offenders.map((file) => relative(root, file)), []);
});

test("in main/, only the composition root and the preload load electron; the rest take it as an argument", () => {
  const loaders = sourceFiles(join(root, "main"))
    .filter((file) => !file.endsWith(".test.ts"))
    .filter((file) => electronImports(readFileSync(file, "utf8")).some((found) => !found.typeOnly))
    .map((file) => relative(root, file))
    .sort();
  assert.deepEqual(loaders, ["main/main.ts", "main/preload.ts"]);
});
