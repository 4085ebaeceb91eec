// Keeps the tray icon's menu current: whether the window shows, and which models the engine has loaded.
// Linux trays give no event when the menu opens, so the models are polled.

import type { MenuItemConstructorOptions } from "electron";
import type { EngineInfo } from "../ipc/contract.js";
import type { RunningModel } from "../engine/running-models.js";
import { trayMenuTemplate, type TrayMenuState } from "./tray-menu.js";

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: "click", listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps<M> {
  tray: TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): M;
  engine: EngineInfo;
  fetchRunning(): Promise<RunningModel[]>;
  unload(model: string): Promise<void>;
  isWindowVisible(): boolean;
  toggleWindow(): void;
  quit(): void;
  pollMs?: number;
  log?: (line: string) => void;
}

export class TrayController<M> {
  private running: RunningModel[] | undefined = [];
  private shownKey = "";
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: TrayDeps<M>) {
    deps.tray.setToolTip("Paddock");
    // Windows and Linux: a click on the icon shows or hides the window; macOS opens the menu instead.
    deps.tray.on("click", () => deps.toggleWindow());
    this.render();
  }

  /** Starts polling the engine; the first refresh happens at once. */
  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.deps.pollMs ?? 5000);
    this.timer.unref?.();
  }

  async refresh(): Promise<void> {
    try {
      this.running = await this.deps.fetchRunning();
    } catch {
      this.running = undefined;
    }
    this.render();
  }

  /** Rebuilds the menu only when what it shows changed: replacing it flickers on some Linux desktops. */
  render(): void {
    const state: TrayMenuState = { windowVisible: this.deps.isWindowVisible(), engine: this.deps.engine, running: this.running };
    const key = JSON.stringify(state);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const template = trayMenuTemplate(state, {
      toggleWindow: () => this.deps.toggleWindow(),
      unload: (model) => {
        this.deps.unload(model).then(
          () => this.refresh(),
          (error: unknown) => this.deps.log?.(`unloading ${model} failed: ${String(error)}`),
        );
      },
      quit: () => this.deps.quit(),
    });
    this.deps.tray.setContextMenu(this.deps.buildMenu(template));
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.deps.tray.destroy();
  }
}
