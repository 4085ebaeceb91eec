import { Agent, request } from "node:http";

export interface RawRequest {
  method: string;
  /** Sent as written: encoded or not, with any bytes a client might put there. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sends the body without Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
  /** Announces this Content-Length but sends only `body`, then waits for the answer (a client lying about its size). */
  declaredLength?: number;
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Milliseconds from the first byte sent to the last byte read. */
  elapsedMs: number;
}

/** The server hung up without an answer, or the time ran out: both count against the engine. */
export class NoReply extends Error {}

/** A keep-alive pool of a few sockets, as a busy client would hold. */
export function clientAgent(sockets = 8): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets });
}

/** One HTTP exchange with full control over the bytes, for requests fetch() refuses to send. */
export function rawRequest(base: string, spec: RawRequest, options: { agent?: Agent; timeoutMs?: number } = {}): Promise<RawReply> {
  const url = new URL(base);
  const body = typeof spec.body === "string" ? Buffer.from(spec.body) : spec.body;
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.declaredLength !== undefined) headers["content-length"] = String(spec.declaredLength);
  else if (spec.chunked) headers["transfer-encoding"] = "chunked";
  else if (body !== undefined) headers["content-length"] = String(body.length);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: RawReply | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const req = request(
      { host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), elapsedMs: performance.now() - started });
          // The rest of a lied-about body will never come: let the socket go.
          if (spec.declaredLength !== undefined) req.destroy();
        });
        res.on("error", (error) => finish(new NoReply(`reply broke off: ${error.message}`)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(new NoReply(`no reply within ${options.timeoutMs} ms`));
    }, options.timeoutMs ?? 30_000);
    // A server may answer and close before a lying client finished sending; the answer is what counts.
    req.on("error", (error) => setTimeout(() => finish(new NoReply(`request failed: ${error.message}`)), 50));
    if (body !== undefined) req.write(body);
    if (spec.declaredLength === undefined) req.end();
  });
}
