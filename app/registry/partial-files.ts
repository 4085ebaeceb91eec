import { randomBytes } from "node:crypto";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { PartSizing } from "./transfer-options.js";

/**
 * One part as Ollama keeps it in blobs/sha256-<hex>-partial-<N>: {"N","Offset","Size","Completed"}.
 * Paddock adds "Model" (who asked for the blob) so paused downloads can be shown and discarded by model
 * after a restart; Go's decoder ignores the extra field, so Ollama can still resume these files.
 */
export interface PartRecord {
  N: number;
  Offset: number;
  Size: number;
  Completed: number;
  Model?: string;
}

/** Ollama's split: total/16 bytes a part, clamped to [100 MB, 1000 MB]; the last part takes the rest. */
export function planParts(total: number, sizing: PartSizing): PartRecord[] {
  const size = Math.min(Math.max(Math.floor(total / sizing.parts), sizing.minPartBytes), sizing.maxPartBytes);
  const parts: PartRecord[] = [];
  for (let offset = 0; offset < total; offset += size) {
    parts.push({ N: parts.length, Offset: offset, Size: Math.min(size, total - offset), Completed: 0 });
  }
  return parts;
}

export function dataFilePath(blobPath: string): string {
  return `${blobPath}-partial`;
}

export function partFilePath(blobPath: string, n: number): string {
  return `${blobPath}-partial-${n}`;
}

async function partFileNumbers(blobPath: string): Promise<number[]> {
  const prefix = `${basename(blobPath)}-partial-`;
  const entries = await readdir(dirname(blobPath)).catch(() => [] as string[]);
  return entries
    .filter((entry) => entry.startsWith(prefix) && /^\d+$/.test(entry.slice(prefix.length)))
    .map((entry) => Number(entry.slice(prefix.length)));
}

function isPartRecord(value: unknown): value is PartRecord {
  const part = value as PartRecord;
  return (
    typeof part === "object" && part !== null &&
    [part.N, part.Offset, part.Size, part.Completed].every((n) => Number.isSafeInteger(n) && n >= 0) &&
    part.Completed <= part.Size
  );
}

/**
 * The saved parts of an interrupted download, or undefined when there are none or they cannot be trusted
 * (unreadable, gaps between parts, or a data file of the wrong size): then the download starts over.
 */
export async function readPartFiles(blobPath: string): Promise<PartRecord[] | undefined> {
  const numbers = await partFileNumbers(blobPath);
  if (numbers.length === 0) return undefined;
  const parts: PartRecord[] = [];
  for (const n of numbers) {
    try {
      const part: unknown = JSON.parse(await readFile(partFilePath(blobPath, n), "utf8"));
      if (!isPartRecord(part) || part.N !== n) return undefined;
      parts.push(part);
    } catch {
      return undefined;
    }
  }
  parts.sort((a, b) => a.N - b.N);
  let offset = 0;
  for (const [index, part] of parts.entries()) {
    if (part.N !== index || part.Offset !== offset) return undefined;
    offset += part.Size;
  }
  const dataSize = await stat(dataFilePath(blobPath)).then((info) => info.size, () => -1);
  return dataSize === offset ? parts : undefined;
}

/** Written under a temp name and renamed, so a killed engine never leaves half a JSON file behind. */
export async function writePartFile(blobPath: string, part: PartRecord): Promise<void> {
  const target = partFilePath(blobPath, part.N);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString("hex")}.tmp`);
  const { N, Offset, Size, Completed, Model } = part;
  await writeFile(temp, `${JSON.stringify(Model ? { N, Offset, Size, Completed, Model } : { N, Offset, Size, Completed })}\n`, { mode: 0o644 });
  await rename(temp, target);
}

export async function removePartFiles(blobPath: string): Promise<void> {
  for (const n of await partFileNumbers(blobPath)) await rm(partFilePath(blobPath, n), { force: true });
}

export async function removePartialFiles(blobPath: string): Promise<void> {
  await removePartFiles(blobPath);
  await rm(dataFilePath(blobPath), { force: true });
}

/** Digests with saved parts in blobs/: downloads that were paused or cut off by a restart. */
export async function partialDigests(blobsDir: string): Promise<string[]> {
  const entries = await readdir(blobsDir).catch(() => [] as string[]);
  const digests = new Set<string>();
  for (const entry of entries) {
    const match = /^sha256-([0-9a-f]{64})-partial-\d+$/.exec(entry);
    if (match) digests.add(`sha256:${match[1]}`);
  }
  return [...digests];
}
