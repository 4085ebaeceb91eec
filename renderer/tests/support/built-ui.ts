import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const RENDERER = fileURLToPath(new URL("../../", import.meta.url));
const ROOT = join(RENDERER, "..");

function addTree(hash: ReturnType<typeof createHash>, path: string): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) addTree(hash, join(path, entry));
    return;
  }
  hash.update(path.slice(RENDERER.length));
  hash.update(readFileSync(path));
}

/** A fingerprint of what the build reads: the UI's sources, its config, and the locked dependencies. */
function sourceHash(): string {
  const hash = createHash("sha256");
  for (const path of ["src", "index.html", "vite.config.ts"]) addTree(hash, join(RENDERER, path));
  hash.update(readFileSync(join(ROOT, "package-lock.json")));
  return hash.digest("hex").slice(0, 16);
}

let building: Promise<string> | undefined;

/**
 * The production UI build (Vite, as `npm run build` makes it), built once per source version into a temp
 * folder shared by the test processes; PADDOCK_UI_DIR, when set, is used as it is.
 */
export function builtUi(): Promise<string> {
  building ??= (async () => {
    if (process.env.PADDOCK_UI_DIR) return process.env.PADDOCK_UI_DIR;
    const dir = join(tmpdir(), `paddock-ui-${sourceHash()}`);
    if (existsSync(join(dir, "index.html"))) return dir;
    const staging = `${dir}.${process.pid}.tmp`;
    const { build } = await import("vite");
    await build({ configFile: join(RENDERER, "vite.config.ts"), logLevel: "error", build: { outDir: staging, emptyOutDir: true } });
    try {
      await rename(staging, dir);
    } catch (error) {
      // Another test process finished the same build first.
      if (!existsSync(join(dir, "index.html"))) throw error;
      await rm(staging, { recursive: true, force: true });
    }
    return dir;
  })();
  return building;
}
