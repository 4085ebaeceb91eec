// For models that see images (or hear audio), file paths in a prompt are read
// and sent as attachments, and taken out of the text, as `ollama run` does.

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { errorCode } from "../modelfile/os-error.js";

const FILE_PATH = /(?:[a-zA-Z]:)?(?:\.\/|\/|\\)[\S\\ ]+?\.(?:jpg|jpeg|png|webp|wav)\b/gi;
const MAX_BYTES = 100 * 1024 * 1024;

/** Shell-style escapes that users paste along with paths (`\ `, `\(`, ...). */
function unescapePath(text: string): string {
  return text.replace(/\\([ ()[\]{}$&;'\\*?~])/g, "$1");
}

function sniff(bytes: Buffer): string {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return "image/jpeg";
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  const riff = bytes.subarray(0, 4).toString("latin1") === "RIFF";
  if (riff && bytes.subarray(8, 14).toString("latin1") === "WEBPVP") return "image/webp";
  if (riff && bytes.subarray(8, 12).toString("latin1") === "WAVE") return "audio/wave";
  return "application/octet-stream";
}

export function filePathsIn(text: string): string[] {
  return text.match(FILE_PATH) ?? [];
}

/** Reads the files a prompt names; returns the remaining text and the base64 attachments. */
export async function extractAttachments(prompt: string, note: (line: string) => void): Promise<{ text: string; images: string[] }> {
  let text = prompt;
  const images: string[] = [];
  for (const found of filePathsIn(prompt)) {
    const file = unescapePath(found);
    let bytes: Buffer;
    try {
      const info = await stat(file);
      bytes = await readFile(file);
      if (info.size > MAX_BYTES) throw new Error("file size exceeds maximum limit (100MB)");
    } catch (error) {
      if (errorCode(error) === "ENOENT") continue;
      throw error;
    }
    const type = sniff(bytes);
    if (type === "application/octet-stream") throw new Error(`invalid file type: ${type}`);
    note(`Added ${path.extname(file).toLowerCase() === ".wav" ? "audio" : "image"} '${file}'`);
    for (const form of [`'${file}'`, `'${found}'`, found]) text = text.split(form).join("");
    images.push(bytes.toString("base64"));
  }
  return { text: text.trim(), images };
}
