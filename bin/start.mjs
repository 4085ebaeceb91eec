#!/usr/bin/env node
// `npm start`: builds the app and opens it in Electron. Where Electron's binary cannot be had (an offline
// machine, a CI box) it says so in one line and serves the same app from the engine instead.
import { spawn, spawnSync } from "node:child_process";
import { buildDesktop } from "../scripts/build-desktop.mjs";

/** Electron's binary path; its package downloads the binary on first use, which fails offline. */
function electronBinary() {
  const probe = spawnSync(process.execPath, ["--input-type=commonjs", "-e", "process.stdout.write(require('electron'))"], {
    stdio: ["ignore", "pipe", "ignore"],
    encoding: "utf8",
  });
  return probe.status === 0 && probe.stdout ? probe.stdout : undefined;
}

await buildDesktop({ quiet: true });
console.log("Starting Paddock (the first start downloads Electron)...");
const electron = electronBinary();
if (electron) {
  const child = spawn(electron, ["out/main/main.mjs"], { stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  console.log("Electron is not available on this machine; serving the Paddock app at http://127.0.0.1:11434/app/ instead.");
  const result = spawnSync(process.execPath, ["bin/paddock.mjs", "serve"], { stdio: "inherit" });
  process.exit(result.status ?? 0);
}
