// The one IPC contract between the Electron main process, the preload and the renderer. Every message that
// crosses a process boundary has a schema here and is parsed on both sides: the main process trusts nothing a
// page sends, and the page trusts nothing it did not ask for. The renderer's desktop client
// (renderer/src/api/desktop-client.ts) mirrors the page-facing types; main/ipc/renderer-desktop-client.test.ts
// does not compile if the two differ. Keep this file free of Node and DOM APIs so it stays importable anywhere.

import { z } from "zod";

// --- The engine the window talks to ----------------------------------------------------------------------

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}, "must be an http(s) URL");

export const engineInfoSchema = z
  .object({
    /** Base URL of the Ollama-compatible API, without a trailing slash: `${url}/api/tags`. */
    url: httpUrl.refine((value) => !value.endsWith("/"), "must not end with /"),
    /** embedded: the app hosts the engine; external: a server that was already running is used. */
    mode: z.enum(["embedded", "external"]),
    /** paddock: Paddock's own API (/api/paddock/…: chat history, settings) exists; ollama: only Ollama's API. */
    server: z.enum(["paddock", "ollama"]),
    version: z.string(),
  })
  .strict();
export type EngineInfo = z.infer<typeof engineInfoSchema>;

/** What the window knows from the start: the engine and the app's version. */
export const desktopLaunchSchema = z.object({ engine: engineInfoSchema, appVersion: z.string() }).strict();
export type DesktopLaunch = z.infer<typeof desktopLaunchSchema>;

/**
 * The launch info exists before the window does, so it reaches the preload as a command-line switch
 * (webPreferences.additionalArguments) and is there synchronously: the page needs the engine's URL for its
 * very first request. Base64url because Electron mangles some characters in these arguments (backslashes).
 */
export const LAUNCH_ARGUMENT_PREFIX = "--paddock-desktop=";

export function launchArgument(launch: DesktopLaunch): string {
  return LAUNCH_ARGUMENT_PREFIX + base64UrlEncode(JSON.stringify(desktopLaunchSchema.parse(launch)));
}

/** The launch info passed to this page, or undefined when the argument is missing or malformed. */
export function launchFromArguments(argv: readonly string[]): DesktopLaunch | undefined {
  const argument = argv.find((value) => value.startsWith(LAUNCH_ARGUMENT_PREFIX));
  if (!argument) return undefined;
  try {
    const parsed = desktopLaunchSchema.safeParse(JSON.parse(base64UrlDecode(argument.slice(LAUNCH_ARGUMENT_PREFIX.length))));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// TextEncoder/atob/btoa exist in Node, in the sandboxed preload and in the page, unlike Buffer.
function base64UrlEncode(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64UrlDecode(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

// --- Requests the page makes (ipcRenderer.invoke → ipcMain.handle) ---------------------------------------

const noArguments = z.object({}).strict();

/** A GGUF file the user picked in the native dialog. The page never sees or sends a path, only this id. */
export const pickedGgufSchema = z
  .object({
    id: z.string().min(1).max(100),
    fileName: z.string(),
    size: z.number().int().nonnegative(),
    /** A valid model name derived from the file name, for the page to offer as the default. */
    suggestedModel: z.string(),
  })
  .strict();
export type PickedGguf = z.infer<typeof pickedGgufSchema>;

const canceled = z.object({ canceled: z.literal(true) }).strict();

export const invokeChannels = {
  /** Opens the native "Import a GGUF model" dialog. */
  chooseGguf: {
    channel: "paddock:choose-gguf",
    request: noArguments,
    response: z.discriminatedUnion("canceled", [canceled, z.object({ canceled: z.literal(false), file: pickedGgufSchema }).strict()]),
  },
  /**
   * Uploads a picked file to the engine as a blob and creates a model from it (what `ollama create` does);
   * progress arrives on the importProgress event. Resolves when the model exists.
   */
  importGguf: {
    channel: "paddock:import-gguf",
    request: z.object({ fileId: z.string().min(1).max(100), model: z.string().trim().min(1).max(400) }).strict(),
    response: z.object({ model: z.string(), digest: z.string() }).strict(),
  },
  /** Opens the native folder dialog, e.g. for the models folder (the page then saves it as models_dir). */
  chooseDirectory: {
    channel: "paddock:choose-directory",
    request: z.object({ title: z.string().max(200).optional(), defaultPath: z.string().max(4096).optional() }).strict(),
    response: z.object({ path: z.string().nullable() }).strict(),
  },
  /** Opens an existing folder in the system file manager; files are refused (opening one could run it). */
  showFolder: {
    channel: "paddock:show-folder",
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
    response: z.object({}).strict(),
  },
  /**
   * Restarts the engine the app hosts, so settings saved for the next start (PATCH /api/paddock/settings)
   * take effect. The engine keeps its URL. Refused when the app uses an external server.
   */
  restartEngine: {
    channel: "paddock:restart-engine",
    request: noArguments,
    response: z.object({}).strict(),
  },
  /** Opens an http(s) link in the system browser; any other scheme is refused. */
  openExternal: {
    channel: "paddock:open-external",
    request: z.object({ url: httpUrl }).strict(),
    response: z.object({ opened: z.boolean() }).strict(),
  },
} as const;

export type InvokeName = keyof typeof invokeChannels;
export type InvokeRequest<N extends InvokeName> = z.input<(typeof invokeChannels)[N]["request"]>;
export type InvokeResponse<N extends InvokeName> = z.output<(typeof invokeChannels)[N]["response"]>;

/**
 * What every handler answers: the value, or the error's message. Errors travel as data because Electron
 * rewrites a rejected invoke into "Error invoking remote method '…': Error: …", which the UI should not show.
 */
export function replySchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), value }).strict(),
    z.object({ ok: z.literal(false), error: z.string() }).strict(),
  ]);
}

// --- Events the main process sends (webContents.send → ipcRenderer.on) ----------------------------------

export const importProgressSchema = z
  .object({
    fileId: z.string(),
    /** hashing: computing the sha256 digest; uploading: sending the blob; creating: the engine builds the model. */
    phase: z.enum(["hashing", "uploading", "creating"]),
    /** Bytes done and in all, during hashing and uploading. */
    completed: z.number().nonnegative().optional(),
    total: z.number().nonnegative().optional(),
    /** The engine's own status line while creating ("parsing GGUF", "writing manifest", "success"). */
    status: z.string().optional(),
  })
  .strict();
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const eventChannels = {
  importProgress: { channel: "paddock:import-progress", payload: importProgressSchema },
} as const;

// --- What the preload exposes as window.paddock ---------------------------------------------------------

/** window.paddock. The renderer detects each feature by its presence (renderer/src/api/desktop-features.ts). */
export interface DesktopApi {
  readonly desktop: true;
  readonly engine: EngineInfo;
  readonly appVersion: string;
  chooseGguf(): Promise<InvokeResponse<"chooseGguf">>;
  importGguf(request: InvokeRequest<"importGguf">): Promise<InvokeResponse<"importGguf">>;
  /** Calls the listener for every progress event of every import; returns a function that stops it. */
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  /** The chosen folder, or null when the dialog was cancelled. */
  chooseDirectory(options?: InvokeRequest<"chooseDirectory">): Promise<string | null>;
  showFolder(path: string): Promise<void>;
  restartEngine(): Promise<void>;
  openExternal(url: string): Promise<InvokeResponse<"openExternal">>;
}

/** The key of window.paddock. */
export const DESKTOP_API_KEY = "paddock";
