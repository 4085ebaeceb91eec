// Runs every *.test.ts beside the code with Node's own test runner (TypeScript through tsx).
// `--hard` runs the *.hard.ts reliability suite instead (fuzz, faults, disconnects, load, security): one
// file at a time, because each one loads the machine on purpose, then prints the figures the files reported.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const roots = ["app", "main", "renderer"];
const args = process.argv.slice(2);
const hard = args.includes("--hard");
const only = args.filter((arg) => arg !== "--hard");
const suffix = hard ? ".hard.ts" : ".test.ts";

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (entry.endsWith(suffix)) found.push(full);
  }
  return found;
}

const files = (only.length ? only : roots.flatMap((root) => findTests(root))).sort();
const env = { ...process.env };
let figuresDir;
if (hard) {
  figuresDir = mkdtempSync(join(tmpdir(), "paddock-hard-figures-"));
  env.PADDOCK_FIGURES_FILE = join(figuresDir, "figures.txt");
}
const started = Date.now();
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${hard ? 1 : 2}`, ...files],
  { stdio: "inherit", env },
);
if (hard) {
  const figures = existsSync(env.PADDOCK_FIGURES_FILE) ? readFileSync(env.PADDOCK_FIGURES_FILE, "utf8") : "(no figures were reported)\n";
  process.stdout.write(`\n==== reliability figures ====\n${figures}==== hard suite: ${((Date.now() - started) / 1000).toFixed(1)} s ====\n`);
  rmSync(figuresDir, { recursive: true, force: true });
}
process.exit(result.status ?? 1);
