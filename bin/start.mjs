#!/usr/bin/env node
// `npm start`: builds the app and opens it in Electron. Where Electron's binary cannot be had (an offline
// machine, a CI box) it says so in one line and serves the same app from the engine instead.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildDesktop } from "../scripts/build-desktop.mjs";

const require = createRequire(import.meta.url);
// A download that makes no progress (a firewall that drops packets) must not hold `npm start` for ever.
const DOWNLOAD_TIMEOUT_MS = 180_000;

/** The Electron binary the electron package would run, whether or not it has been downloaded yet. */
function electronBinaryPath() {
  const packageDir = dirname(require.resolve("electron/package.json"));
  const pathFile = join(packageDir, "path.txt");
  const relative = existsSync(pathFile) ? readFileSync(pathFile, "utf8").trim() : undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || "electron");
  return relative ? join(packageDir, "dist", relative) : undefined;
}

/** Electron's binary, downloaded quietly on first use (the electron package fetches it lazily); undefined when that fails. */
function electronBinary() {
  const present = electronBinaryPath();
  if (present && existsSync(present)) return present;
  const install = join(dirname(require.resolve("electron/package.json")), "install.js");
  spawnSync(process.execPath, [install], { stdio: "ignore", timeout: DOWNLOAD_TIMEOUT_MS });
  const downloaded = electronBinaryPath();
  return downloaded && existsSync(downloaded) ? downloaded : undefined;
}

/** Runs a child in the foreground: its exit ends us, and Ctrl+C or a kill reaches it so it can stop cleanly. */
function runForeground(command, args, env = process.env) {
  const child = spawn(command, args, { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

await buildDesktop({ quiet: true });
const electron = electronBinary();
if (electron) {
  // Run as an app (".": package.json's main), not as a plain script, so it gets Paddock's name and version.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runForeground(electron, ["."], env);
} else {
  console.log("Electron is not available on this machine; serving the Paddock app at http://127.0.0.1:11434/app/ instead.");
  runForeground(process.execPath, ["bin/paddock.mjs", "serve"]);
}
