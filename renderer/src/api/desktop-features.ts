// Desktop-only features for the UI, built on the desktop client (desktop-client.ts, the one module that reads
// window.paddock). Each feature is present only when the preload offers it, so the UI can hide what is
// missing: in a browser every `can…` is false.

import { desktopApi, type DesktopApi, type ImportProgress, type PickedGguf } from "./desktop-client.js";

function feature<K extends keyof DesktopApi>(name: K): DesktopApi[K] | undefined {
  const api = desktopApi();
  const value = api?.[name];
  return typeof value === "function" ? (value.bind(api) as DesktopApi[K]) : undefined;
}

export const desktop = {
  /** True inside the desktop app. */
  get available(): boolean {
    return desktopApi() !== undefined;
  },
  get appVersion(): string | undefined {
    const version = desktopApi()?.appVersion;
    return typeof version === "string" ? version : undefined;
  },
  get canChooseDirectory(): boolean {
    return feature("chooseDirectory") !== undefined;
  },
  get canShowFolder(): boolean {
    return feature("showFolder") !== undefined;
  },
  /** Only an engine the app runs itself can be restarted by it. */
  get canRestartEngine(): boolean {
    return feature("restartEngine") !== undefined && desktopApi()?.engine.mode !== "external";
  },
  /** Import through the app: a native file dialog, then the main process hashes and uploads from the path. */
  get canImportGguf(): boolean {
    return feature("chooseGguf") !== undefined && feature("importGguf") !== undefined;
  },
  async chooseDirectory(options: { title?: string; defaultPath?: string } = {}): Promise<string | null> {
    const choose = feature("chooseDirectory");
    return choose ? choose(options) : null;
  },
  async showFolder(path: string): Promise<void> {
    await feature("showFolder")?.(path);
  },
  async restartEngine(): Promise<void> {
    await feature("restartEngine")?.();
  },
  /** The picked file, or undefined when the dialog was cancelled. */
  async chooseGguf(): Promise<PickedGguf | undefined> {
    const choose = feature("chooseGguf");
    if (!choose) return undefined;
    const picked = await choose();
    return picked.canceled ? undefined : picked.file;
  },
  /** Imports a picked file as `model`, reporting its progress; resolves when the model exists. */
  async importGguf(file: PickedGguf, model: string, onProgress: (progress: ImportProgress) => void): Promise<void> {
    const importGguf = feature("importGguf");
    if (!importGguf) throw new Error("importing a file by path needs the desktop app");
    const listen = feature("onImportProgress");
    const stop = listen ? listen((progress) => progress.fileId === file.id && onProgress(progress)) : () => {};
    try {
      await importGguf({ fileId: file.id, model });
    } finally {
      stop();
    }
  },
};

export type { ImportProgress, PickedGguf };
