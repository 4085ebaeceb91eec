// Installs the main process's half of the IPC contract: every call is checked for its sender and parsed
// against the contract before a handler sees it, and every answer is parsed again before it leaves.

import type { z } from "zod";
import { isTrustedSender, type FrameLike } from "../security/app-origin.js";
import {
  eventChannels,
  invokeChannels,
  replySchema,
  type InvokeName,
  type InvokeResponse,
} from "./contract.js";

export interface SenderLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: SenderLike;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

type EventName = keyof typeof eventChannels;

/** What a handler may do besides answering: send progress events back to the page that asked. */
export interface CallContext {
  emit<E extends EventName>(event: E, payload: z.input<(typeof eventChannels)[E]["payload"]>): void;
}

export type InvokeHandlers = {
  [N in InvokeName]: (request: z.output<(typeof invokeChannels)[N]["request"]>, context: CallContext) => Promise<InvokeResponse<N>>;
};

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

function contextFor(sender: SenderLike): CallContext {
  return {
    emit(event, payload) {
      const { channel, payload: schema } = eventChannels[event];
      // The page may close while a long import runs; its progress then has nowhere to go.
      if (!sender.isDestroyed()) sender.send(channel, schema.parse(payload));
    },
  };
}

async function answer(name: InvokeName, handler: InvokeHandlers[InvokeName], event: InvokeEventLike, args: unknown[]): Promise<Reply> {
  if (!isTrustedSender(event.senderFrame)) return { ok: false, error: "refused: this page may not use the desktop API" };
  const { request, response } = invokeChannels[name];
  const parsed = (request as z.ZodType).safeParse(args[0]);
  if (!parsed.success || args.length > 1) return { ok: false, error: `invalid request: ${parsed.error?.issues[0]?.message ?? "too many arguments"}` };
  try {
    const value = await (handler as (request: unknown, context: CallContext) => Promise<unknown>)(parsed.data, contextFor(event.sender));
    return replySchema(response as z.ZodType).parse({ ok: true, value });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Registers every channel of the contract; returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: InvokeHandlers): () => void {
  const names = Object.keys(invokeChannels) as InvokeName[];
  for (const name of names) {
    ipcMain.handle(invokeChannels[name].channel, (event, ...args) => answer(name, handlers[name], event, args));
  }
  return () => names.forEach((name) => ipcMain.removeHandler(invokeChannels[name].channel));
}
