// The one module through which the UI talks HTTP. Ollama's API goes to the selected server (this computer's
// engine, or a remote Paddock or Ollama server set in Settings); Paddock's own endpoints (chat history,
// engine settings) always go to this computer's engine: the page's own origin in a browser, the engine the
// desktop app chose inside the app. Where that engine has no Paddock API (the app on an Ollama server),
// chats are kept in the browser's storage instead and engine settings are unavailable.

import type {
  ChatChunk,
  ChatRequest,
  Conversation,
  ConversationFields,
  ConversationWithMessages,
  CreateRequest,
  DownloadView,
  EngineSettingsPatch,
  EngineSettingsView,
  ListedModel,
  NewMessage,
  ProgressLine,
  RunningModel,
  ShowResponse,
  StoredMessage,
} from "./types.js";
import { ApiRequestError, isAbort } from "./api-error.js";
import { engineBaseUrl, hasPaddockApi } from "./desktop-client.js";
import { LocalHistory } from "./local-history.js";

export { ApiRequestError, isAbort };

export interface ServerTarget {
  /** Base URL of the Ollama-compatible API; "" means the engine that served this page. */
  url: string;
  /** Sent as `Authorization: Bearer <key>` to that server (PADDOCK_API_KEY on a remote Paddock). */
  apiKey?: string;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const text = await response.text().catch(() => "");
  let message = text.trim() || `${response.status} ${response.statusText}`;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === "string") message = body.error;
  } catch {
    // not JSON: keep the text
  }
  return new ApiRequestError(response.status, message);
}

/** Reads an NDJSON body object by object; an `{"error"}` line ends the stream with an error. */
export async function* readNdjson<T>(response: Response): AsyncGenerator<T> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const parse = (line: string): T => {
    const value = JSON.parse(line) as T & { error?: unknown };
    if (typeof value.error === "string") throw new ApiRequestError(response.status, value.error);
    return value;
  };
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) yield parse(line);
      }
    }
    buffer += decoder.decode();
    if (buffer.trim()) yield parse(buffer.trim());
  } finally {
    reader.releaseLock();
    // Stops the download when the consumer stops early (a pause, a stop).
    void response.body.cancel().catch(() => {});
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

export interface EngineClientOptions {
  /** This computer's engine: "" for the page's own origin. Defaults to what the desktop app says. */
  localBase?: string;
  /** Whether that engine has Paddock's endpoints. Defaults to what the desktop app says (true in a browser). */
  paddockApi?: boolean;
}

export class EngineClient {
  readonly apiBase: string;
  private readonly localBase: string;
  private readonly headers: Record<string, string>;
  /** Chats in localStorage, used when this computer's engine has no Paddock API. */
  private readonly localHistory: LocalHistory | undefined;

  constructor(readonly target: ServerTarget = { url: "" }, options: EngineClientOptions = {}) {
    this.localBase = trimSlash(options.localBase ?? engineBaseUrl());
    this.apiBase = trimSlash(target.url) || this.localBase;
    this.headers = target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {};
    this.localHistory = (options.paddockApi ?? hasPaddockApi()) ? undefined : new LocalHistory();
  }

  /** True when the API is another machine's server rather than this computer's engine. */
  get isRemote(): boolean {
    return this.apiBase !== this.localBase;
  }

  /** Whether engine settings (Paddock's /api/paddock/settings) can be read and saved. */
  get hasEngineSettings(): boolean {
    return this.localHistory === undefined;
  }

  private async send(base: string, path: string, init: RequestInit = {}, auth = true): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { ...init, headers: { ...(auth ? this.headers : {}), ...(init.headers as Record<string, string> | undefined) } });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiRequestError(0, `cannot reach ${base || "the engine"}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  private async json<T>(base: string, path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(base, path, init, base === this.apiBase);
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  private api<T>(path: string, method = "GET", body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.json<T>(this.apiBase, path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }), ...(signal ? { signal } : {}) });
  }

  private local<T>(path: string, method = "GET", body?: unknown): Promise<T> {
    return this.json<T>(this.localBase, `/api/paddock${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
  }

  private async *stream<T>(path: string, body: unknown, signal?: AbortSignal): AsyncGenerator<T> {
    const response = await this.send(this.apiBase, path, { method: "POST", body: JSON.stringify(body), ...(signal ? { signal } : {}) });
    yield* readNdjson<T>(response);
  }

  // --- Ollama's API ---------------------------------------------------------------------------------

  version(signal?: AbortSignal): Promise<{ version: string }> {
    return this.api("/api/version", "GET", undefined, signal);
  }

  async tags(): Promise<ListedModel[]> {
    return (await this.api<{ models: ListedModel[] | null }>("/api/tags")).models ?? [];
  }

  async running(): Promise<RunningModel[]> {
    return (await this.api<{ models: RunningModel[] | null }>("/api/ps")).models ?? [];
  }

  show(model: string): Promise<ShowResponse> {
    return this.api("/api/show", "POST", { model });
  }

  async copy(source: string, destination: string): Promise<void> {
    await this.api("/api/copy", "POST", { source, destination });
  }

  async remove(model: string): Promise<void> {
    await this.api("/api/delete", "DELETE", { model });
  }

  /** Unloads a model at once: an empty generate with keep_alive 0. */
  async unload(model: string): Promise<void> {
    await this.api("/api/generate", "POST", { model, keep_alive: 0, stream: false });
  }

  chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
    return this.stream<ChatChunk>("/api/chat", { ...request, stream: true }, signal);
  }

  /** Pull progress; aborting the signal pauses the download on the engine (its partial files stay). */
  pull(model: string, options: { insecure?: boolean; signal?: AbortSignal } = {}): AsyncGenerator<ProgressLine> {
    return this.stream<ProgressLine>("/api/pull", { model, stream: true, ...(options.insecure ? { insecure: true } : {}) }, options.signal);
  }

  /** Paddock's downloads view; undefined when the server has none (Ollama). */
  async downloads(): Promise<DownloadView[] | undefined> {
    try {
      return (await this.api<{ downloads: DownloadView[] }>("/api/downloads")).downloads;
    } catch (error) {
      if (error instanceof ApiRequestError && (error.status === 404 || error.status === 405)) return undefined;
      throw error;
    }
  }

  /** Cancels a model's downloads and deletes their partial files; false when there were none. */
  async discardDownloads(model: string): Promise<boolean> {
    try {
      await this.api("/api/downloads", "DELETE", { model });
      return true;
    } catch (error) {
      if (error instanceof ApiRequestError && (error.status === 404 || error.status === 405)) return false;
      throw error;
    }
  }

  async hasBlob(digest: string): Promise<boolean> {
    try {
      await this.send(this.apiBase, `/api/blobs/${digest}`, { method: "HEAD" });
      return true;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return false;
      throw error;
    }
  }

  /** Uploads a file as a blob with upload progress (XMLHttpRequest: fetch reports none). */
  uploadBlob(digest: string, file: Blob, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", `${this.apiBase}/api/blobs/${digest}`);
      for (const [name, value] of Object.entries(this.headers)) request.setRequestHeader(name, value);
      request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      request.onload = () => {
        if (request.status >= 200 && request.status < 300) return resolve();
        let message = request.responseText || `upload failed: ${request.status}`;
        try {
          message = (JSON.parse(request.responseText) as { error?: string }).error ?? message;
        } catch {
          // keep the text
        }
        reject(new ApiRequestError(request.status, message));
      };
      request.onerror = () => reject(new ApiRequestError(0, "the upload failed: the server could not be reached"));
      request.onabort = () => reject(new DOMException("upload cancelled", "AbortError"));
      signal?.addEventListener("abort", () => request.abort(), { once: true });
      request.send(file);
    });
  }

  create(request: CreateRequest, signal?: AbortSignal): AsyncGenerator<ProgressLine> {
    return this.stream<ProgressLine>("/api/create", { ...request, stream: true }, signal);
  }

  // --- Paddock's chat history and settings (always the engine that served the UI) -----------------------

  async conversations(query = ""): Promise<Conversation[]> {
    if (this.localHistory) return this.localHistory.list(query);
    const search = query.trim() ? `?q=${encodeURIComponent(query.trim())}` : "";
    return (await this.local<{ conversations: Conversation[] }>(`/conversations${search}`)).conversations;
  }

  async createConversation(fields: ConversationFields = {}): Promise<ConversationWithMessages> {
    if (this.localHistory) return this.localHistory.create(fields);
    return this.local("/conversations", "POST", fields);
  }

  async conversation(id: string): Promise<ConversationWithMessages> {
    if (this.localHistory) return this.localHistory.get(id);
    return this.local(`/conversations/${encodeURIComponent(id)}`);
  }

  async updateConversation(id: string, fields: ConversationFields): Promise<Conversation> {
    if (this.localHistory) return this.localHistory.update(id, fields);
    return this.local(`/conversations/${encodeURIComponent(id)}`, "PATCH", fields);
  }

  async deleteConversation(id: string): Promise<void> {
    if (this.localHistory) return this.localHistory.remove(id);
    await this.local(`/conversations/${encodeURIComponent(id)}`, "DELETE");
  }

  async appendMessage(conversationId: string, message: NewMessage): Promise<StoredMessage> {
    if (this.localHistory) return this.localHistory.append(conversationId, message);
    return this.local(`/conversations/${encodeURIComponent(conversationId)}/messages`, "POST", message);
  }

  async updateMessage(conversationId: string, messageId: string, patch: Partial<Pick<StoredMessage, "content" | "thinking" | "metrics">>): Promise<StoredMessage> {
    if (this.localHistory) return this.localHistory.updateMessage(conversationId, messageId, patch);
    return this.local(`/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}`, "PATCH", patch);
  }

  /** Deletes a message and every later one. */
  async truncateFrom(conversationId: string, messageId: string): Promise<number> {
    if (this.localHistory) return this.localHistory.truncateFrom(conversationId, messageId);
    const reply = await this.local<{ removed: number }>(`/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}`, "DELETE");
    return reply.removed;
  }

  engineSettings(): Promise<EngineSettingsView> {
    return this.local("/settings");
  }

  updateEngineSettings(patch: EngineSettingsPatch): Promise<EngineSettingsView> {
    return this.local("/settings", "PATCH", patch);
  }
}
