// The renderer's side of the desktop IPC contract. Inside the Paddock app the Electron preload exposes
// window.paddock: the engine to talk to and the desktop-only features (native dialogs, GGUF import). In a plain
// browser (the engine serving the UI at /app/) window.paddock is absent: the engine is the page's own origin and
// desktop-only features should be hidden — ask desktopApi() / isDesktop() before showing them.
//
// The types below mirror main/ipc/contract.ts, where every message has its zod schema and is validated in the
// main process and the preload. They are spelled out here because the renderer's TypeScript project does not
// reference main's; main/ipc/renderer-desktop-client.test.ts fails to compile if the two ever differ.

export interface EngineInfo {
  /** Base URL of the Ollama-compatible API, without a trailing slash. */
  url: string;
  /** embedded: the app hosts the engine; external: a server that was already running is used. */
  mode: "embedded" | "external";
  /** paddock: Paddock's own endpoints (/api/paddock/…) exist; ollama: only Ollama's API. */
  server: "paddock" | "ollama";
  version: string;
}

/** A GGUF file picked in the native dialog; the page names it by id only, never by path. */
export interface PickedGguf {
  id: string;
  fileName: string;
  size: number;
  /** A valid model name derived from the file name, to offer as the default. */
  suggestedModel: string;
}

export interface ImportProgress {
  fileId: string;
  /** hashing: computing the digest; uploading: sending the blob; creating: the engine builds the model. */
  phase: "hashing" | "uploading" | "creating";
  /** Bytes done and in all, while hashing and uploading. */
  completed?: number;
  total?: number;
  /** The engine's status line while creating ("parsing GGUF", …, "success"). */
  status?: string;
}

/** window.paddock, as the preload exposes it. Every call rejects with a plain Error whose message can be shown. */
export interface DesktopApi {
  readonly desktop: true;
  readonly engine: EngineInfo;
  readonly appVersion: string;
  /** Opens the native "Import a GGUF model" dialog. */
  chooseGguf(): Promise<{ canceled: true } | { canceled: false; file: PickedGguf }>;
  /** Uploads a picked file to the engine and creates the model; progress arrives through onImportProgress. */
  importGguf(request: { fileId: string; model: string }): Promise<{ model: string; digest: string }>;
  /** Listens to the progress of every import; returns a function that stops listening. */
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  /** A native folder dialog; the chosen folder, or null when cancelled. */
  chooseDirectory(options?: { title?: string; defaultPath?: string }): Promise<string | null>;
  /** Opens an existing folder in the system file manager. */
  showFolder(path: string): Promise<void>;
  /** Restarts the engine the app hosts so saved settings take effect; rejects when an external server is used. */
  restartEngine(): Promise<void>;
  /** Opens an http(s) link in the system browser. */
  openExternal(url: string): Promise<{ opened: boolean }>;
}

const BRIDGE_KEY = "paddock";

/** The desktop API, or undefined in a browser. */
export function desktopApi(): DesktopApi | undefined {
  // Read through globalThis so this module does not depend on how other modules declare window.paddock.
  const api = (globalThis as unknown as Record<string, unknown>)[BRIDGE_KEY] as Partial<DesktopApi> | undefined;
  return api?.desktop === true && typeof api.engine?.url === "string" ? (api as DesktopApi) : undefined;
}

export function isDesktop(): boolean {
  return desktopApi() !== undefined;
}

/**
 * Base URL for engine requests, without a trailing slash: the engine the app chose (its own, or an Ollama or
 * Paddock server that was already running), or "" in a browser, where the engine is the page's own origin.
 * In the app the page's origin is app://paddock, so relative URLs do not reach the engine: use this for every
 * API call, `fetch(engineUrl("/api/tags"))`.
 */
export function engineBaseUrl(): string {
  return desktopApi()?.engine.url ?? "";
}

/** A full URL for an engine path such as "/api/chat". */
export function engineUrl(path: string): string {
  return `${engineBaseUrl()}${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * Whether Paddock's own endpoints (/api/paddock/…: chat history, engine settings) exist. False only when the
 * app uses an Ollama server, which has just Ollama's API; the UI should then hide history and engine settings.
 */
export function hasPaddockApi(): boolean {
  return desktopApi()?.engine.server !== "ollama";
}

/** How the engine is reached, for a status line; undefined in a browser. */
export function engineInfo(): EngineInfo | undefined {
  return desktopApi()?.engine;
}
