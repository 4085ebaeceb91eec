import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import type { Stats } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform, type Readable } from "node:stream";
import { manifestPathParts, parseModelName, type ModelName } from "../names/model-name.js";
import { writeFileAtomic } from "./atomic-file.js";
import { blobFileName, digestFromHex, isDigest } from "./digest.js";
import { parseManifest, referencedDigests, serializeManifest, type Manifest } from "./manifest.js";

export interface StoredManifest {
  name: ModelName;
  manifest: Manifest;
  /** sha256 hex of the manifest file's bytes: what /api/tags shows as digest */
  digest: string;
  modifiedAt: Date;
}

/** What changes whenever a file is replaced or rewritten. */
function fileIdentity(info: Stats): string {
  return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

export class DigestMismatchError extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`digest mismatch, expected "${expected}", got "${actual}"`);
  }
}

/** Text blobs (config, template, params...) up to this size are kept in memory once read. */
const CACHED_TEXT_BYTES = 64 * 1024;
const CACHED_TEXTS = 256;

/**
 * Ollama's on-disk layout: manifests/<host>/<namespace>/<model>/<tag> and blobs/sha256-<hex>.
 *
 * Every request reads its model's manifest and small layers. Blobs never change under their digest, so
 * small text blobs are read once; a parsed manifest is reused while its file is the same one (inode, size,
 * change times), so one stat replaces about a dozen file operations, and another program that writes the
 * folder (Ollama itself, pointed at the same models) is still seen at once.
 */
export class ModelStore {
  readonly blobsDir: string;
  readonly manifestsDir: string;
  private readonly manifests = new Map<string, { identity: string; stored: StoredManifest }>();
  private readonly texts = new Map<string, string>();

  constructor(readonly root: string) {
    this.blobsDir = join(root, "blobs");
    this.manifestsDir = join(root, "manifests");
  }

  async init(): Promise<void> {
    await mkdir(this.blobsDir, { recursive: true });
    await mkdir(this.manifestsDir, { recursive: true });
  }

  blobPath(digest: string): string {
    return join(this.blobsDir, blobFileName(digest));
  }

  async hasBlob(digest: string): Promise<boolean> {
    try {
      return (await stat(this.blobPath(digest))).isFile();
    } catch {
      return false;
    }
  }

  async blobSize(digest: string): Promise<number> {
    return (await stat(this.blobPath(digest))).size;
  }

  /**
   * Streams bytes into blobs/ while hashing them. The blob appears under its digest name only once the
   * bytes are complete and, when expected is given, match it; otherwise nothing is left behind.
   */
  async writeBlobFromStream(source: Readable, expected?: string): Promise<{ digest: string; size: number }> {
    await mkdir(this.blobsDir, { recursive: true });
    const temp = join(this.blobsDir, `.upload-${randomBytes(8).toString("hex")}.tmp`);
    const hash = createHash("sha256");
    let size = 0;
    const hasher = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, hasher, createWriteStream(temp, { mode: 0o644 }));
      // On disk before it gets its name, so a power cut cannot leave a short blob under a good digest.
      const written = await open(temp, "r+");
      await written.sync().finally(() => written.close());
      const digest = digestFromHex(hash.digest("hex"));
      if (expected !== undefined && expected !== digest) throw new DigestMismatchError(expected, digest);
      await rename(temp, this.blobPath(digest));
      return { digest, size };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async writeBlob(data: Uint8Array | string): Promise<{ digest: string; size: number; existed: boolean }> {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    const digest = digestFromHex(createHash("sha256").update(bytes).digest("hex"));
    const existed = await this.hasBlob(digest);
    if (!existed) await writeFileAtomic(this.blobPath(digest), bytes);
    return { digest, size: bytes.length, existed };
  }

  async readBlobText(digest: string): Promise<string> {
    const cached = this.texts.get(digest);
    if (cached !== undefined) return cached;
    const text = await readFile(this.blobPath(digest), "utf8");
    if (text.length <= CACHED_TEXT_BYTES) {
      if (this.texts.size >= CACHED_TEXTS) this.texts.delete(this.texts.keys().next().value!);
      this.texts.set(digest, text);
    }
    return text;
  }

  manifestPath(name: ModelName): string {
    return join(this.manifestsDir, ...manifestPathParts(name));
  }

  async readManifest(name: ModelName): Promise<StoredManifest | undefined> {
    const path = this.manifestPath(name);
    let info: Stats;
    let raw: Buffer;
    try {
      info = await stat(path);
      const cached = this.manifests.get(path);
      if (cached?.identity === fileIdentity(info)) return { ...cached.stored, name, manifest: structuredClone(cached.stored.manifest) };
      raw = await readFile(path);
    } catch {
      this.manifests.delete(path);
      return undefined;
    }
    const stored: StoredManifest = {
      name,
      manifest: parseManifest(raw),
      digest: createHash("sha256").update(raw).digest("hex"),
      modifiedAt: info.mtime,
    };
    this.manifests.set(path, { identity: fileIdentity(info), stored: { ...stored, manifest: structuredClone(stored.manifest) } });
    return stored;
  }

  /** Writes a manifest atomically: the raw registry bytes when given (so its digest matches), else ours. */
  async writeManifest(name: ModelName, manifest: Manifest | Uint8Array): Promise<void> {
    const bytes = manifest instanceof Uint8Array ? manifest : serializeManifest(manifest);
    await writeFileAtomic(this.manifestPath(name), bytes);
  }

  async copyManifest(source: ModelName, destination: ModelName): Promise<void> {
    const raw = await readFile(this.manifestPath(source));
    await writeFileAtomic(this.manifestPath(destination), raw);
    const now = new Date();
    await utimes(this.manifestPath(destination), now, now);
  }

  /** Removes a manifest and the directories it leaves empty. */
  async deleteManifest(name: ModelName): Promise<void> {
    await rm(this.manifestPath(name));
    const parts = manifestPathParts(name);
    for (let depth = parts.length - 1; depth >= 1; depth--) {
      try {
        await rmdir(join(this.manifestsDir, ...parts.slice(0, depth)));
      } catch {
        break;
      }
    }
  }

  /** Every manifest exactly four levels deep whose path forms a valid name; unreadable ones are skipped. */
  async listManifests(onSkip?: (path: string, error: unknown) => void): Promise<StoredManifest[]> {
    const found: StoredManifest[] = [];
    for (const [host, namespace, model, tag] of await this.manifestPaths()) {
      const name = parseModelName(`${host}/${namespace}/${model}:${tag}`);
      if (!name || name.host !== host || name.namespace !== namespace || name.model !== model || name.tag !== tag) continue;
      try {
        const stored = await this.readManifest(name);
        if (stored) found.push(stored);
      } catch (error) {
        onSkip?.(join(host, namespace, model, tag), error);
      }
    }
    return found;
  }

  private async manifestPaths(): Promise<string[][]> {
    let paths: string[][] = [[]];
    for (let level = 0; level < 4; level++) {
      const next: string[][] = [];
      for (const parts of paths) {
        const entries = await readdir(join(this.manifestsDir, ...parts), { withFileTypes: true }).catch(() => []);
        for (const entry of entries) {
          if (entry.name.startsWith(".")) continue;
          const isLeaf = level === 3;
          if (isLeaf ? entry.isFile() : entry.isDirectory()) next.push([...parts, entry.name]);
        }
      }
      paths = next;
    }
    return paths;
  }

  /** Finds the stored name that matches case-insensitively, part by part, keeping the casing on disk. */
  async resolveExisting(name: ModelName): Promise<ModelName> {
    const exact = this.manifestPath(name);
    if (await stat(exact).then((s) => s.isFile(), () => false)) return name;
    const wanted = manifestPathParts(name).map((part) => part.toLowerCase());
    for (const parts of await this.manifestPaths()) {
      if (parts.every((part, index) => part.toLowerCase() === wanted[index])) {
        const [host, namespace, model, tag] = parts;
        return { ...name, host, namespace, model, tag };
      }
    }
    return name;
  }

  /** Deletes the given blobs unless some manifest still references them. */
  async removeUnreferencedBlobs(candidates: Iterable<string>): Promise<string[]> {
    const inUse = new Set<string>();
    for (const stored of await this.listManifests()) referencedDigests(stored.manifest).forEach((d) => inUse.add(d));
    const removed: string[] = [];
    for (const digest of new Set(candidates)) {
      if (inUse.has(digest) || !isDigest(digest)) continue;
      await rm(this.blobPath(digest), { force: true });
      removed.push(digest);
    }
    return removed;
  }

  /**
   * Startup maintenance as Ollama does it: blobs named with a colon are renamed; unless every manifest
   * parses nothing is pruned; otherwise unreferenced blobs and stray files older than an hour go.
   */
  async maintain(options: { prune: boolean; minAgeMs?: number }): Promise<void> {
    await this.init();
    const minAgeMs = options.minAgeMs ?? 60 * 60 * 1000;
    const entries = await readdir(this.blobsDir);
    for (const entry of entries) {
      if (/^sha256:[0-9a-f]{64}$/.test(entry)) await rename(join(this.blobsDir, entry), join(this.blobsDir, entry.replace(":", "-")));
    }
    if (!options.prune) return;
    let corrupt = false;
    const manifests = await this.listManifests(() => {
      corrupt = true;
    });
    if (corrupt) return;
    const inUse = new Set(manifests.flatMap((stored) => referencedDigests(stored.manifest).map(blobFileName)));
    const cutoff = Date.now() - minAgeMs;
    for (const entry of await readdir(this.blobsDir)) {
      if (inUse.has(entry) || entry.endsWith("-partial") || /-partial-\d+$/.test(entry)) continue;
      const path = join(this.blobsDir, entry);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
  }
}
