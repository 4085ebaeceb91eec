import { fetchToken, parseChallenge } from "./auth-challenge.js";
import { RegistryNotFoundError, TransferCancelledError } from "./transfer-errors.js";
import { registryUserAgent } from "./user-agent.js";

export type RegistryMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH";

export interface RegistryRequest {
  method: RegistryMethod;
  url: URL;
  headers?: Record<string, string>;
  /** Called once per attempt, since a body stream cannot be replayed after a 401. */
  body?: () => Uint8Array | AsyncIterable<Uint8Array>;
  /** "manual" hands back redirects instead of following them. */
  redirect?: "follow" | "manual";
}

/** Go prints the method with only its first letter capitalised in transport errors: `Get "url": …`. */
function goMethod(method: string): string {
  return method[0] + method.slice(1).toLowerCase();
}

function causeText(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One conversation with a registry (a pull or a push): the bearer token it earns on the first 401 is sent
 * with every later request of the same conversation, as Ollama keeps it in registryOptions.
 */
export class RegistryClient {
  token = "";

  constructor(readonly signal?: AbortSignal) {}

  /** One HTTP exchange with the User-Agent and the token; transport failures read like Go's. */
  async send(request: RegistryRequest): Promise<Response> {
    const headers: Record<string, string> = { "user-agent": registryUserAgent(), ...request.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const body = request.body?.();
    const init: RequestInit & { duplex?: "half" } = {
      method: request.method,
      headers,
      redirect: request.redirect ?? "follow",
      signal: this.signal,
    };
    if (body !== undefined) {
      init.body = body as BodyInit;
      if (!(body instanceof Uint8Array)) init.duplex = "half";
    }
    try {
      return await fetch(request.url, init);
    } catch (error) {
      if (this.signal?.aborted) throw new TransferCancelledError();
      throw new Error(`${goMethod(request.method)} "${request.url.href}": ${causeText(error)}`);
    }
  }

  /**
   * Ollama's makeRequestWithRetry: a 401 earns a token from the challenge and the request is sent once
   * more; a 404 is "file does not exist"; any other status from 400 up is `<status>: <body>`.
   */
  async request(request: RegistryRequest): Promise<Response> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await this.send(request);
      if (response.status === 401) {
        await response.body?.cancel().catch(() => {});
        const challenge = parseChallenge(response.headers.get("www-authenticate") ?? "");
        this.token = await fetchToken(challenge, request.url.host, this.signal);
        continue;
      }
      if (response.status === 404) {
        await response.body?.cancel().catch(() => {});
        throw new RegistryNotFoundError();
      }
      if (response.status >= 400) {
        const body = await response.text().catch((error: unknown) => String(error));
        throw new Error(`${response.status}: ${body}`);
      }
      return response;
    }
    throw new Error("unauthorized: access denied");
  }
}
