// A small typed client for the engine's Ollama-style HTTP API: JSON calls,
// NDJSON streams, and errors that read well on a terminal (the `error` text of
// the reply, or a hint to start the engine when nothing answers).

import { PADDOCK_VERSION as CLIENT_VERSION } from "../engine/version.js";
import { readSettings } from "../settings/settings.js";
import type {
  ChatChunk,
  ChatRequest,
  GenerateChunk,
  GenerateRequest,
  ListedModel,
  ProgressUpdate,
  RunningModel,
  ShowResponse,
} from "./api-types.js";

export const NO_ENGINE_MESSAGE = "could not connect to paddock: is it running? Start it with `paddock serve`";

/** A reply from the engine that reports a failure; `status` is the HTTP status (200 for an error inside a stream). */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "EngineError";
  }
}

/** No engine answered at the configured address. */
export class EngineUnreachableError extends Error {
  constructor(readonly url: string) {
    super(NO_ENGINE_MESSAGE);
    this.name = "EngineUnreachableError";
  }
}

// Errors that mean nothing listens there, as opposed to a reply that went wrong.
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** The `error` text of a JSON body, else the body itself (Ollama's client does the same). */
function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed?.error === "string") return parsed.error;
  } catch {
    // not JSON: the raw text is the message
  }
  return text.trim() || "something went wrong, please see the paddock server logs for details";
}

type Body = Record<string, unknown> | object;

export class EngineClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  /** The engine named by PADDOCK_HOST / OLLAMA_HOST (loopback when the host is 0.0.0.0). */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): EngineClient {
    return new EngineClient(readSettings(env).baseUrl);
  }

  private async send(method: string, path: string, body: Body | BodyInit | undefined, init: { signal?: AbortSignal; accept?: string } = {}): Promise<Response> {
    const isRaw = body instanceof ReadableStream || body instanceof Uint8Array || typeof body === "string";
    const request: RequestInit & { duplex?: "half" } = {
      method,
      headers: {
        "content-type": isRaw ? "application/octet-stream" : "application/json",
        accept: init.accept ?? "application/json",
        "user-agent": `paddock/${CLIENT_VERSION} (${process.arch} ${process.platform}) Node/${process.versions.node}`,
      },
      ...(body === undefined ? {} : { body: isRaw ? (body as BodyInit) : JSON.stringify(body) }),
      ...(body instanceof ReadableStream ? { duplex: "half" as const } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    };
    try {
      return await fetch(`${this.baseUrl}${path}`, request);
    } catch (error) {
      if (isAbortError(error)) throw error;
      const code = causeCode(error);
      if (code && UNREACHABLE.has(code)) throw new EngineUnreachableError(this.baseUrl);
      const cause = (error as { cause?: unknown }).cause;
      throw new Error(cause instanceof Error ? cause.message : String(error));
    }
  }

  /** A whole-body call: throws EngineError for a 4xx/5xx, returns the parsed JSON (undefined for an empty body). */
  private async call<T>(method: string, path: string, body?: Body | BodyInit): Promise<T> {
    const reply = await this.send(method, path, body);
    const text = await reply.text();
    if (reply.status >= 400) throw new EngineError(errorMessage(text), reply.status);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Reads an NDJSON stream, handing each object to `onItem`; an `{"error"}` line ends it with an EngineError. */
  private async stream<T>(path: string, body: Body, onItem: (item: T) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
    const reply = await this.send("POST", path, body, { accept: "application/x-ndjson", ...(signal ? { signal } : {}) });
    if (!reply.body) return;
    const decoder = new TextDecoder();
    let pending = "";
    const handle = async (line: string) => {
      if (!line.trim()) return;
      let item: Record<string, unknown>;
      try {
        item = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw reply.status >= 400 ? new EngineError(line.trim(), reply.status) : new Error(line.trim());
      }
      if (reply.status >= 400 || typeof item.error === "string") throw new EngineError(errorMessage(line), reply.status);
      await onItem(item as T);
    };
    for await (const chunk of reply.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        await handle(line);
      }
    }
    await handle(pending + decoder.decode());
  }

  async heartbeat(): Promise<void> {
    const reply = await this.send("HEAD", "/", undefined);
    if (reply.status >= 400) throw new EngineError(`${reply.status} ${reply.statusText}`, reply.status);
  }

  async version(): Promise<string> {
    return (await this.call<{ version: string }>("GET", "/api/version")).version;
  }

  async list(): Promise<ListedModel[]> {
    return (await this.call<{ models: ListedModel[] | null }>("GET", "/api/tags")).models ?? [];
  }

  async ps(): Promise<RunningModel[]> {
    return (await this.call<{ models: RunningModel[] | null }>("GET", "/api/ps")).models ?? [];
  }

  show(request: { model: string; verbose?: boolean; system?: string; options?: Record<string, unknown> }): Promise<ShowResponse> {
    return this.call<ShowResponse>("POST", "/api/show", request);
  }

  async copy(source: string, destination: string): Promise<void> {
    await this.call("POST", "/api/copy", { source, destination });
  }

  async delete(model: string): Promise<void> {
    await this.call("DELETE", "/api/delete", { model });
  }

  /** Uploads a blob; the engine answers at once when it already has it. */
  async createBlob(digest: string, body: ReadableStream<Uint8Array> | Uint8Array): Promise<void> {
    await this.call("POST", `/api/blobs/${digest}`, body);
  }

  create(request: Body, onProgress: (update: ProgressUpdate) => void): Promise<void> {
    return this.stream("/api/create", request, onProgress);
  }

  pull(request: { model: string; insecure?: boolean }, onProgress: (update: ProgressUpdate) => void, signal?: AbortSignal): Promise<void> {
    return this.stream("/api/pull", request, onProgress, signal);
  }

  push(request: { model: string; insecure?: boolean }, onProgress: (update: ProgressUpdate) => void): Promise<void> {
    return this.stream("/api/push", request, onProgress);
  }

  generate(request: GenerateRequest, onChunk: (chunk: GenerateChunk) => void, signal?: AbortSignal): Promise<void> {
    return this.stream("/api/generate", request, onChunk, signal);
  }

  chat(request: ChatRequest, onChunk: (chunk: ChatChunk) => void, signal?: AbortSignal): Promise<void> {
    return this.stream("/api/chat", request, onChunk, signal);
  }

  embed(request: { model: string; input: string; keep_alive?: string | number; truncate?: boolean; dimensions?: number }): Promise<{ embeddings: number[][] }> {
    return this.call("POST", "/api/embed", request);
  }
}
