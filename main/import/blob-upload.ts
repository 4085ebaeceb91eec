import { createReadStream } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

/** Whether the engine already has the blob (HEAD /api/blobs/:digest), so a re-import skips the upload. */
export async function hasBlob(engineUrl: string, digest: string): Promise<boolean> {
  const reply = await fetch(`${engineUrl}/api/blobs/${digest}`, { method: "HEAD" });
  return reply.status === 200;
}

async function readAll(reply: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of reply) text += String(chunk);
  return text;
}

/**
 * Streams a file to POST /api/blobs/:digest, reporting bytes sent. node:http rather than fetch: it sends a
 * Content-Length (Ollama's server and ours both accept chunked bodies, but a length lets them refuse early)
 * and its progress follows what the socket actually took.
 */
export function uploadBlob(engineUrl: string, digest: string, path: string, size: number, onBytes: (completed: number) => void = () => {}): Promise<void> {
  const url = new URL(`${engineUrl}/api/blobs/${digest}`);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const upload = request(url, { method: "POST", headers: { "content-type": "application/octet-stream", "content-length": String(size) } }, (reply) => {
      readAll(reply).then((body) => {
        if (reply.statusCode === 200 || reply.statusCode === 201) return resolve();
        reject(new Error(`the engine refused the upload: ${errorText(body) || `HTTP ${reply.statusCode}`}`));
      }, reject);
    });
    upload.on("error", reject);
    const source = createReadStream(path, { highWaterMark: 1 << 20 });
    let completed = 0;
    source.on("data", (chunk) => {
      completed += chunk.length;
      onBytes(completed);
    });
    source.on("error", (error) => upload.destroy(error));
    source.pipe(upload);
  });
}

/** The message of an Ollama-style {"error": "..."} body, else the text itself. */
export function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
  } catch {
    // not JSON: the text is the message
  }
  return body.trim();
}
