import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

// Byte transfers go through node:http rather than fetch: plain Buffers and no web-stream layer keep a
// loopback pull close to the speed of a raw copy. Keep-alive lets retried parts reuse connections.
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

const MAX_REDIRECTS = 10;

const GO_WORDING: Record<string, string> = {
  ECONNRESET: "read: connection reset by peer",
  ECONNREFUSED: "connect: connection refused",
  ETIMEDOUT: "i/o timeout",
  EPIPE: "write: broken pipe",
};

/** Node says "aborted" or "socket hang up" where Go says what happened; retries log and report this text. */
export function transportError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name === "AbortError") return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const wording = GO_WORDING[code] ?? (error.message === "aborted" ? GO_WORDING.ECONNRESET : undefined);
  return wording ? Object.assign(new Error(wording), { code }) : error;
}

export interface RangeResponse {
  response: IncomingMessage;
  /** How many leading bytes of the body to drop: a server that ignores Range sends the whole blob with 200. */
  skip: number;
}

function get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const agent = url.protocol === "https:" ? httpsAgent : httpAgent;
  return new Promise((resolve, reject) => {
    const request = send(url, { method: "GET", headers, agent, signal }, resolve);
    request.on("error", reject);
    request.end();
  });
}

/**
 * GET bytes [start, end] of the direct URL. Like Ollama's ranged parts it sends neither the token nor the
 * registry User-Agent (the URL is usually pre-signed storage), and it follows redirects.
 */
export async function requestRange(directUrl: URL, start: number, end: number, signal: AbortSignal): Promise<RangeResponse> {
  let url = directUrl;
  for (let redirects = 0; ; redirects++) {
    const response = await get(url, { range: `bytes=${start}-${end}`, "user-agent": "Go-http-client/1.1" }, signal);
    const location = response.headers.location;
    if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
      response.resume();
      if (redirects >= MAX_REDIRECTS) throw new Error("stopped after 10 redirects");
      url = new URL(location, url);
      continue;
    }
    if (response.statusCode === 206) {
      const range = /^bytes (\d+)-/.exec(response.headers["content-range"] ?? "");
      if (!range || Number(range[1]) !== start) {
        response.destroy();
        throw new Error(`unexpected Content-Range ${JSON.stringify(response.headers["content-range"] ?? "")} for bytes=${start}-${end}`);
      }
      return { response, skip: 0 };
    }
    if (response.statusCode === 200) return { response, skip: start };
    response.resume();
    throw new Error(`unexpected status code ${response.statusCode}`);
  }
}
