// Serves the built UI (out/renderer) to the window as app://paddock/app/…, from the app's own files. The UI
// then does not depend on the engine serving it: an Ollama server that the app connects to has no UI.

import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { APP_HOST, APP_SCHEME } from "../security/app-origin.js";

/** For protocol.registerSchemesAsPrivileged: a standard, secure scheme behaves like https for the page (origin, fetch, storage). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
};

const BASE_PATH = "/app/";

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string, policy: string): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "content-security-policy": policy } });
}

/**
 * The file a request maps to: a file under rootDir, index.html for client-side routes (paths without an
 * extension), or undefined. Nothing outside rootDir can be reached, however the path is encoded.
 */
export async function resolveAppFile(rootDir: string, requestUrl: string): Promise<string | undefined> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST || !url.pathname.startsWith(BASE_PATH)) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname.slice(BASE_PATH.length));
  } catch {
    return undefined;
  }
  const root = normalize(rootDir.endsWith(sep) ? rootDir : rootDir + sep);
  const target = normalize(join(root, relative || "index.html"));
  if (!target.startsWith(root) || relative.includes("\0")) return undefined;
  if (await isFile(target)) return target;
  return extname(target) === "" ? join(root, "index.html") : undefined;
}

/** A handler for protocol.handle(APP_SCHEME, …). Every answer carries the Content-Security-Policy. */
export function appProtocolHandler(rootDir: string, policy: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return plain(405, "method not allowed", policy);
    const file = await resolveAppFile(rootDir, request.url);
    if (!file || !(await isFile(file))) return plain(404, "not found", policy);
    const headers: Record<string, string> = {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      "content-security-policy": policy,
      "x-content-type-options": "nosniff",
    };
    if (file.endsWith("index.html")) headers["cache-control"] = "no-cache";
    return new Response(request.method === "HEAD" ? null : await readFile(file), { headers });
  };
}
