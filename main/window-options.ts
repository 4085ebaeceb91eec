import type { BrowserWindowConstructorOptions } from "electron";
import { launchArgument, type DesktopLaunch } from "./ipc/contract.js";

export interface MainWindowSettings {
  preloadPath: string;
  /** Reaches the preload as a command-line switch, so window.paddock.engine exists before the page runs. */
  launch: DesktopLaunch;
  iconPath?: string;
}

/** Hardened window: isolated, sandboxed, no Node in the page; the preload exposes only the IPC contract. */
export function mainWindowOptions({ preloadPath, launch, iconPath }: MainWindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: "Paddock",
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      additionalArguments: [launchArgument(launch)],
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
