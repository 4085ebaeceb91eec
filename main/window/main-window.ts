import type { BrowserWindowConstructorOptions } from "electron";
import { APP_ENTRY_URL } from "../security/app-origin.js";
import type { ShellLike } from "../security/external-links.js";
import { guardNavigation, type GuardedWebContents, type PreventableEvent } from "../security/navigation-guard.js";
import { mainWindowOptions, type MainWindowSettings } from "../window-options.js";

export interface MainWindowLike {
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isVisible(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  on(event: "close", listener: (event: PreventableEvent) => void): unknown;
  on(event: "show" | "hide" | "closed", listener: () => void): unknown;
  once(event: "ready-to-show", listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  readonly webContents: GuardedWebContents;
}

export type BrowserWindowClass<W> = new (options: BrowserWindowConstructorOptions) => W;

export interface OpenWindowOptions extends MainWindowSettings {
  shell: ShellLike;
  /** Asked when the user closes the window: true hides it (the tray keeps the app and its engine running). */
  hideOnClose(): boolean;
}

/** Creates the hardened main window and loads the UI from the app protocol. */
export function openMainWindow<W extends MainWindowLike>(BrowserWindow: BrowserWindowClass<W>, options: OpenWindowOptions): W {
  const window = new BrowserWindow(mainWindowOptions(options));
  guardNavigation(window.webContents, options.shell);
  window.on("close", (event) => {
    if (!options.hideOnClose()) return;
    event.preventDefault();
    window.hide();
  });
  window.once("ready-to-show", () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export function showWindow(window: MainWindowLike): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export function toggleWindow(window: MainWindowLike): void {
  if (window.isDestroyed()) return;
  if (window.isVisible() && !window.isMinimized()) window.hide();
  else showWindow(window);
}
