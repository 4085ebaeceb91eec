// Which files of a directory named by FROM make up a model (§14.2), in
// Ollama's order of preference: safetensors, then PyTorch, then GGUF.

import { open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

export const NO_MODEL_FILES = "no Modelfile or safetensors files found";

type ContentType = "application/zip" | "application/octet-stream" | "text/plain";

// Bytes that make Go's http.DetectContentType call a file binary.
const BINARY_BYTE = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/;

/** The part of Go's content sniffing that tells archives, binaries and text apart. */
async function detectContentType(file: string): Promise<ContentType> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1"))) return "application/zip";
    return BINARY_BYTE.test(bytes.toString("latin1")) ? "application/octet-stream" : "text/plain";
  } finally {
    await handle.close();
  }
}

function segmentPattern(segment: string): RegExp {
  const escaped = segment.replace(/[.+^${}()|[\]\\?]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "s");
}

async function sortedEntries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** filepath.Glob for patterns of one or two segments under `dir` (`**` matches one level, as in Go). */
async function glob(dir: string, pattern: string): Promise<string[]> {
  const segments = pattern.split("/").map((segment) => (segment === "**" ? "*" : segment));
  let matches = [dir];
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    const next: string[] = [];
    for (const base of matches) {
      const names = segment.includes("*") ? (await sortedEntries(base)).filter((name) => segmentPattern(segment).test(name)) : [segment];
      for (const name of names) {
        const full = path.join(base, name);
        const info = await stat(full).catch(() => undefined);
        if (info && (last || info.isDirectory())) next.push(full);
      }
    }
    matches = next;
  }
  return matches;
}

/** Glob, then insist every match sniffs as `expected` (when given). */
async function globTyped(dir: string, pattern: string, expected?: ContentType): Promise<string[]> {
  const matches = await glob(dir, pattern);
  if (expected) {
    for (const match of matches) {
      if ((await detectContentType(match)) !== expected) throw new Error(`invalid content type: expected ${expected} for ${match}`);
    }
  }
  return matches;
}

/** Like globTyped, but a mismatch only means "not this kind of model". */
async function globQuiet(dir: string, pattern: string, expected?: ContentType): Promise<string[]> {
  return globTyped(dir, pattern, expected).catch(() => []);
}

async function weightFiles(dir: string): Promise<string[]> {
  const safetensors = await globQuiet(dir, "model*.safetensors");
  if (safetensors.length > 0) return [...safetensors, ...(await globTyped(dir, "*/model*.safetensors"))];
  for (const [pattern, type] of [
    ["consolidated*.safetensors", undefined],
    ["pytorch_model*.bin", "application/zip"],
    ["consolidated*.pth", "application/zip"],
    ["*.gguf", "application/octet-stream"],
    ["*.bin", "application/octet-stream"],
  ] as const) {
    const found = await globQuiet(dir, pattern, type);
    if (found.length > 0) return found;
  }
  throw new Error(NO_MODEL_FILES);
}

/** The files of a model directory: weights, then config JSON, chat template and tokenizer. */
export async function modelDirectoryFiles(dir: string): Promise<string[]> {
  const files = await weightFiles(dir);
  files.push(...(await globTyped(dir, "*.json", "text/plain")));
  files.push(...(await globTyped(dir, "**/*.json", "text/plain")));
  files.push(...(await globTyped(dir, "chat_template.jinja", "text/plain")));
  const tokenizer = await globQuiet(dir, "tokenizer.model", "application/octet-stream");
  files.push(...(tokenizer.length > 0 ? tokenizer : await globQuiet(dir, "**/tokenizer.model", "text/plain")));

  // Every file must really live inside the directory, symlinks included.
  const realDir = await realpath(dir);
  const resolved: string[] = [];
  for (const file of files) {
    const real = await realpath(file);
    const relative = path.relative(realDir, real);
    if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      const hint = relative.includes(".cache") ? "\n\nUse --local-dir <dir> when downloading model to disable caching" : "";
      throw new Error(`insecure path: ${relative}${hint}`);
    }
    resolved.push(real);
  }
  return resolved;
}
