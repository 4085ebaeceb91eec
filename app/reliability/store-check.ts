import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";

export interface StoreReport {
  /** "host/namespace/model:tag" of every manifest that parses and whose blobs are all there and intact. */
  complete: string[];
  /** Anything that would make a listed model unusable: a broken manifest, a missing or wrong blob. */
  problems: string[];
  /** Temp and partial files (download parts, upload temps, manifest temps): harmless, but counted. */
  leftovers: string[];
}

const BLOB_NAME = /^sha256-([0-9a-f]{64})$/;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Reads a models folder the way a careful engine would after a crash: every manifest must parse and point
 * at blobs that exist with the right size, and every blob under a digest name must hash to that digest.
 */
export async function checkStore(modelsDir: string): Promise<StoreReport> {
  const report: StoreReport = { complete: [], problems: [], leftovers: [] };
  const blobsDir = join(modelsDir, "blobs");
  const manifestsDir = join(modelsDir, "manifests");

  for (const path of await filesUnder(blobsDir)) {
    const name = relative(blobsDir, path);
    const match = BLOB_NAME.exec(name);
    if (!match) {
      report.leftovers.push(`blobs/${name}`);
      continue;
    }
    const actual = await sha256Of(path);
    if (actual !== match[1]) report.problems.push(`blobs/${name} holds bytes hashing to ${actual.slice(0, 12)}…`);
  }

  for (const path of await filesUnder(manifestsDir)) {
    const parts = relative(manifestsDir, path).split("/");
    if (parts.some((part) => part.startsWith("."))) {
      report.leftovers.push(`manifests/${parts.join("/")}`);
      continue;
    }
    const label = parts.length === 4 ? `${parts.slice(0, 3).join("/")}:${parts[3]}` : parts.join("/");
    let manifest: { config?: { digest: string; size: number }; layers?: Array<{ digest: string; size: number }> };
    try {
      manifest = JSON.parse(await readFile(path, "utf8"));
    } catch (error) {
      report.problems.push(`${label}: manifest does not parse (${(error as Error).message})`);
      continue;
    }
    const references = [manifest.config, ...(manifest.layers ?? [])];
    const broken: string[] = [];
    for (const reference of references) {
      if (!reference?.digest) {
        broken.push("a reference without digest");
        continue;
      }
      const blob = join(blobsDir, reference.digest.replace(":", "-"));
      const size = await stat(blob).then((info) => info.size, () => undefined);
      if (size === undefined) broken.push(`${reference.digest.slice(0, 19)} missing`);
      else if (size !== reference.size) broken.push(`${reference.digest.slice(0, 19)} is ${size} bytes, manifest says ${reference.size}`);
    }
    if (broken.length > 0) report.problems.push(`${label}: ${broken.join(", ")}`);
    else report.complete.push(label);
  }
  report.complete.sort();
  return report;
}

/** The short names /api/tags shows for "host/namespace/model:tag" labels (library models on the default registry). */
export function shortLabel(label: string): string {
  return label.replace(/^registry\.ollama\.ai\/library\//, "").replace(/^registry\.ollama\.ai\//, "");
}
