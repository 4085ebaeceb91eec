// A stand-in for Electron's BrowserWindow: records what the app does to it and lets tests play the user.

import { EventEmitter } from "node:events";
import type { BrowserWindowConstructorOptions } from "electron";
import type { MainWindowLike } from "../window/main-window.js";
import type { GuardedWebContents, PreventableEvent } from "../security/navigation-guard.js";

export class FakeWebContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: "deny" };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: "deny" }) {
    this.openHandler = handler;
  }
}

export class FakeWindow extends EventEmitter implements MainWindowLike {
  static created: FakeWindow[] = [];
  visible = false;
  minimized = false;
  destroyed = false;
  loaded: string[] = [];
  readonly webContents = new FakeWebContents() as FakeWebContents & GuardedWebContents;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.created.push(this);
  }
  show() {
    this.visible = true;
    this.emit("show");
  }
  hide() {
    this.visible = false;
    this.emit("hide");
  }
  focus() {}
  restore() {
    this.minimized = false;
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
    this.emit("ready-to-show");
  }
  /** The user clicks the close button; returns whether the window really closed. */
  userCloses(): boolean {
    let prevented = false;
    const event: PreventableEvent = { preventDefault: () => void (prevented = true) };
    this.emit("close", event);
    if (!prevented) {
      this.destroyed = true;
      this.emit("closed");
    }
    return !prevented;
  }
}
