// The preload's half of the IPC contract, written against a minimal ipcRenderer so tests can drive it under
// Node. preload.ts hands the result to contextBridge as window.paddock.

import type { z } from "zod";
import {
  eventChannels,
  invokeChannels,
  launchFromArguments,
  replySchema,
  type DesktopApi,
  type ImportProgress,
  type InvokeName,
  type InvokeRequest,
  type InvokeResponse,
} from "./contract.js";

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Sends one validated request and returns the validated answer; a handler's error becomes a plain Error. */
async function call<N extends InvokeName>(ipc: IpcRendererLike, name: N, request: InvokeRequest<N>): Promise<InvokeResponse<N>> {
  const { channel, request: requestSchema, response } = invokeChannels[name];
  const checkedRequest = (requestSchema as z.ZodType).parse(request);
  const reply = replySchema(response as z.ZodType).parse(await ipc.invoke(channel, checkedRequest));
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as InvokeResponse<N>;
}

export function createDesktopApi(ipc: IpcRendererLike, argv: readonly string[]): DesktopApi {
  const launch = launchFromArguments(argv);
  // Without it the page could only guess where the engine is; failing loudly beats a UI that talks to nothing.
  if (!launch) throw new Error("the main process did not pass the engine to this window");
  return {
    desktop: true,
    engine: launch.engine,
    appVersion: launch.appVersion,
    chooseGguf: () => call(ipc, "chooseGguf", {}),
    importGguf: (request) => call(ipc, "importGguf", request),
    chooseDirectory: async (options = {}) => (await call(ipc, "chooseDirectory", options)).path,
    showFolder: async (path) => void (await call(ipc, "showFolder", { path })),
    restartEngine: async () => void (await call(ipc, "restartEngine", {})),
    openExternal: (url) => call(ipc, "openExternal", { url }),
    onImportProgress(listener: (progress: ImportProgress) => void) {
      const { channel, payload } = eventChannels.importProgress;
      const wrapped = (_event: unknown, message: unknown) => {
        const parsed = payload.safeParse(message);
        if (parsed.success) listener(parsed.data);
      };
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    },
  };
}
