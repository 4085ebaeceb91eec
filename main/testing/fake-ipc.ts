// Test doubles for Electron's IPC: an ipcMain and an ipcRenderer joined like the real ones, with a frame URL
// to play the page. Used by tests only.

import type { IpcRendererLike } from "../ipc/desktop-api.js";
import type { InvokeEventLike, IpcMainLike } from "../ipc/register-handlers.js";

type MainListener = (event: InvokeEventLike, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export interface FakeFrame {
  url: string;
  parent: unknown;
}

export class FakeIpc {
  readonly handlers = new Map<string, MainListener>();
  readonly rendererListeners = new Map<string, Set<RendererListener>>();
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  frame: FakeFrame | null = { url: "app://paddock/app/", parent: null };
  senderDestroyed = false;

  readonly main: IpcMainLike = {
    handle: (channel, listener) => {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, listener);
    },
    removeHandler: (channel) => void this.handlers.delete(channel),
  };

  readonly renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      // Structured clone, as Electron does between processes.
      return structuredClone(await handler(this.event(), ...structuredClone(args)));
    },
    on: (channel, listener) => {
      const set = this.rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      this.rendererListeners.set(channel, set);
    },
    removeListener: (channel, listener) => void this.rendererListeners.get(channel)?.delete(listener),
  };

  private event(): InvokeEventLike {
    return {
      senderFrame: this.frame,
      sender: {
        isDestroyed: () => this.senderDestroyed,
        send: (channel, ...args) => {
          this.sent.push({ channel, args });
          for (const listener of this.rendererListeners.get(channel) ?? []) listener({}, ...structuredClone(args));
        },
      },
    };
  }
}
