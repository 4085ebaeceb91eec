// Decides which engine the window talks to: the one the app hosts, or one that already runs at the address.

import type { AddressInfo } from "node:net";
import { PADDOCK_VERSION } from "../../app/engine/engine.js";
import type { RunningServer } from "../../app/server/http-server.js";
import type { Settings } from "../../app/settings/settings.js";
import type { EngineInfo } from "../ipc/contract.js";
import type { ExistingServer } from "./existing-server.js";
import type { ExistingServerChoice } from "./existing-server-prompt.js";

export interface EngineConnection {
  readonly info: EngineInfo;
  /** The hosted engine; undefined when an external server is used (or a restart failed). */
  readonly running: RunningServer | undefined;
  /** Stops the hosted engine and starts it again with fresh settings, at the same URL. */
  restart(): Promise<void>;
  /** Stops the hosted engine (an external server is left alone). Safe to call more than once. */
  close(): Promise<void>;
}

export interface ConnectDeps {
  settings: Settings;
  detect(baseUrl: string): Promise<ExistingServer>;
  start(settings: Settings): Promise<RunningServer>;
  ask(existing: Exclude<ExistingServer, { kind: "none" }>, url: string): Promise<ExistingServerChoice>;
  /** The settings a restart uses: stored settings may have changed since the start. Defaults to the first ones. */
  reload?(): Settings;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function boundPort(running: RunningServer): number {
  return (running.server.address() as AddressInfo).port;
}

/**
 * The URL the page reaches the hosted engine at: the configured one (loopback even when the engine listens
 * on every interface) with the port the server really bound.
 */
export function reachableUrl(settings: Settings, running: RunningServer): string {
  const url = new URL(settings.baseUrl);
  url.port = String(boundPort(running));
  return withoutTrailingSlash(url.href);
}

async function host(settings: Settings, deps: ConnectDeps): Promise<EngineConnection> {
  let running: RunningServer | undefined = await deps.start(settings);
  const port = boundPort(running);
  const info: EngineInfo = { url: reachableUrl(settings, running), mode: "embedded", server: "paddock", version: PADDOCK_VERSION };
  // Restarts and the final close run one after another, never interleaved.
  let queue = Promise.resolve();
  let closed = false;
  const enqueue = (step: () => Promise<void>) => (queue = queue.catch(() => {}).then(step));
  return {
    info,
    get running() {
      return running;
    },
    restart: () =>
      enqueue(async () => {
        if (closed) throw new Error("the engine is shutting down");
        await running?.close();
        running = undefined;
        // The port stays: the window, the tray and API clients keep their URL.
        const fresh = deps.reload?.() ?? settings;
        running = await deps.start({ ...fresh, port, uiDir: fresh.uiDir ?? settings.uiDir });
      }),
    close: () =>
      enqueue(async () => {
        closed = true;
        await running?.close();
      }),
  };
}

function external(url: string, server: "paddock" | "ollama", version: string): EngineConnection {
  return {
    info: { url, mode: "external", server, version },
    running: undefined,
    restart: async () => {
      throw new Error(`Paddock uses the server at ${url}; restart it there`);
    },
    close: async () => {},
  };
}

/** Returns undefined when the user chose to quit. */
export async function connectEngine(deps: ConnectDeps): Promise<EngineConnection | undefined> {
  const { settings } = deps;
  const baseUrl = withoutTrailingSlash(settings.baseUrl);
  // Port 0 asks for any free port, so nothing can be in the way.
  const existing: ExistingServer = settings.port === 0 ? { kind: "none" } : await deps.detect(baseUrl);
  if (existing.kind === "none") return host(settings, deps);
  const choice = await deps.ask(existing, baseUrl);
  if (choice === "use" && existing.kind !== "other") return external(baseUrl, existing.kind, existing.version);
  if (choice === "own") return host({ ...settings, port: 0 }, deps);
  return undefined;
}
