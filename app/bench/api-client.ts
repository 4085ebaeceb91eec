import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { Agent, request } from "node:http";
import { basename } from "node:path";

// A lean HTTP client for the benchmark (node:http with keep-alive), so the client's own cost on these small
// machines stays well below the engine's.

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export interface StreamTiming {
  /** Milliseconds from sending the request to the first streamed line, and to the final line. */
  firstLineMs: number;
  doneMs: number;
  lines: number;
  final: Record<string, any>;
}

function send(url: string, method: string, body?: string | NodeJS.ReadableStream, headers: Record<string, string> = {}) {
  const target = new URL(url);
  return new Promise<import("node:http").IncomingMessage>((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method, agent, headers }, resolve);
    req.on("error", reject);
    if (typeof body === "string" || body === undefined) req.end(body);
    else body.pipe(req);
  });
}

export async function getJson(url: string): Promise<unknown> {
  const response = await send(url, "GET");
  let text = "";
  for await (const chunk of response) text += chunk;
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${text}`);
  return JSON.parse(text);
}

export async function postJson(url: string, body: unknown): Promise<any> {
  const response = await send(url, "POST", JSON.stringify(body), { "content-type": "application/json" });
  let text = "";
  for await (const chunk of response) text += chunk;
  if (response.statusCode !== 200) throw new Error(`POST ${url}: ${response.statusCode} ${text}`);
  return JSON.parse(text);
}

/** POSTs a streaming request and times its NDJSON lines as they arrive. */
export async function streamTimed(url: string, body: unknown): Promise<StreamTiming> {
  const started = performance.now();
  const response = await send(url, "POST", JSON.stringify(body), { "content-type": "application/json" });
  if (response.statusCode !== 200) {
    let text = "";
    for await (const chunk of response) text += chunk;
    throw new Error(`POST ${url}: ${response.statusCode} ${text}`);
  }
  let firstLineMs: number | undefined;
  let buffered = "";
  let lines = 0;
  let last = "";
  for await (const chunk of response) {
    firstLineMs ??= performance.now() - started;
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line) {
        lines++;
        last = line;
      }
    }
  }
  const doneMs = performance.now() - started;
  const final = JSON.parse(last) as Record<string, any>;
  if (final.error) throw new Error(`stream failed: ${final.error}`);
  return { firstLineMs: firstLineMs ?? doneMs, doneMs, lines, final };
}

/** Uploads a GGUF as a blob and creates a model from it, as `ollama create` does. */
export async function createModel(baseUrl: string, name: string, ggufPath: string): Promise<void> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(ggufPath, { highWaterMark: 4 << 20 })) hash.update(chunk as Buffer);
  const digest = `sha256:${hash.digest("hex")}`;
  const size = (await stat(ggufPath)).size;
  const upload = await send(`${baseUrl}/api/blobs/${digest}`, "POST", createReadStream(ggufPath, { highWaterMark: 4 << 20 }), {
    "content-length": String(size),
  });
  upload.resume();
  if (upload.statusCode !== 201 && upload.statusCode !== 200) throw new Error(`blob upload failed: ${upload.statusCode}`);
  const reply = await postJson(`${baseUrl}/api/create`, { model: name, files: { [basename(ggufPath)]: digest }, stream: false });
  if (reply.status !== "success") throw new Error(`create failed: ${JSON.stringify(reply)}`);
}

/** Requests per second that `concurrency` clients get from GET url for `durationMs`. */
export async function requestsPerSecond(url: string, concurrency: number, durationMs: number): Promise<number> {
  const deadline = performance.now() + durationMs;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const response = await send(url, "GET");
        for await (const _ of response);
        if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode}`);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

export function closeClient(): void {
  agent.destroy();
}
