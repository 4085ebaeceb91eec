import type { MenuItemConstructorOptions } from "electron";
import { humanBytes } from "../../app/cli/format/human-bytes.js";
import type { EngineInfo } from "../ipc/contract.js";
import type { RunningModel } from "../engine/running-models.js";

export interface TrayMenuState {
  windowVisible: boolean;
  engine: EngineInfo;
  /** undefined while the engine could not be asked. */
  running: RunningModel[] | undefined;
}

export interface TrayMenuActions {
  toggleWindow(): void;
  unload(model: string): void;
  quit(): void;
}

function engineLabel(engine: EngineInfo): string {
  const host = new URL(engine.url).host;
  return engine.mode === "embedded" ? `Engine on ${host}` : `Using ${engine.server === "paddock" ? "Paddock" : "Ollama"} ${engine.version} on ${host}`;
}

function runningItems(running: RunningModel[] | undefined, unload: (model: string) => void): MenuItemConstructorOptions[] {
  if (running === undefined) return [{ label: "The engine does not answer", enabled: false }];
  if (running.length === 0) return [{ label: "No models running", enabled: false }];
  return running.map((model) => ({
    label: `${model.name}  (${humanBytes(model.size)})`,
    submenu: [{ label: `Unload ${model.name}`, click: () => unload(model.name) }],
  }));
}

/** The tray's menu for a state; rebuilt whenever the state changes. */
export function trayMenuTemplate(state: TrayMenuState, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  return [
    { label: state.windowVisible ? "Hide Paddock" : "Show Paddock", click: () => actions.toggleWindow() },
    { type: "separator" },
    { label: "Running models", enabled: false },
    ...runningItems(state.running, actions.unload),
    { type: "separator" },
    { label: engineLabel(state.engine), enabled: false },
    { label: "Quit Paddock", click: () => actions.quit() },
  ];
}
