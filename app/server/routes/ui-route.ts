import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context } from "hono";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * The UI in a browser tab runs only its own scripts; it may talk to any server because the user can point
 * it at another machine's engine (Settings → remote server).
 */
const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly (the SHA-256 that hashes a GGUF before upload) needs wasm-unsafe-eval; eval itself stays off.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src *",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Where the built UI is: beside the bundled main process, or out/renderer in a source checkout. */
export function defaultUiDir(): string | undefined {
  const candidates = [new URL("../renderer/", import.meta.url), new URL("../../../out/renderer/", import.meta.url)];
  return candidates.map((url) => fileURLToPath(url)).find((dir) => existsSync(join(dir, "index.html")));
}

/**
 * Serves the built UI under /app/ so it runs in any browser. Unknown paths fall back to index.html
 * (client-side routes); nothing outside the UI folder can be reached.
 */
export function uiHandler(uiDir: string | undefined) {
  return async (c: Context): Promise<Response> => {
    if (!uiDir) return new Response("the Paddock UI is not built: run `npm run build`", { status: 404, headers: { "content-type": "text/plain" } });
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path.replace(/^\/app\/?/, "")) || "index.html";
    } catch {
      // A malformed %-escape names no file; Go's server answers such a path with 400 too.
      return new Response("400 bad request: malformed %-escape in the path", { status: 400, headers: { "content-type": "text/plain" } });
    }
    const target = normalize(join(uiDir, relative));
    const inside = target.startsWith(uiDir.endsWith(sep) ? uiDir : uiDir + sep);
    const file = inside && existsSync(target) && extname(target) ? target : join(uiDir, "index.html");
    const body = await readFile(file);
    const headers: Record<string, string> = { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" };
    if (file.endsWith("index.html")) {
      headers["cache-control"] = "no-cache";
      headers["content-security-policy"] = UI_CONTENT_SECURITY_POLICY;
    }
    return new Response(c.req.method === "HEAD" ? null : body, { headers });
  };
}
