import { join } from "node:path";

export interface AppPaths {
  preload: string;
  /** The built UI (Vite's out/renderer). */
  rendererDir: string;
  icon: string;
  trayIcon: string;
}

export interface AppLocation {
  /** The folder of the bundled main process: out/main, inside app.asar once packaged. */
  mainDir: string;
  isPackaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  platform: NodeJS.Platform;
}

/**
 * Files the main process needs, in a source checkout (after `npm run build`) and in a packaged app.
 * Icons are extraResources (real files: the OS reads tray and window icons itself) rather than asar entries.
 */
export function appPaths({ mainDir, isPackaged, resourcesPath, platform }: AppLocation): AppPaths {
  const resources = isPackaged ? join(resourcesPath, "icons") : join(mainDir, "..", "..", "resources");
  return {
    preload: join(mainDir, "preload.cjs"),
    rendererDir: join(mainDir, "..", "renderer"),
    icon: join(resources, "icon.png"),
    // macOS tints a "Template" image for light and dark menu bars; it picks the @2x file itself.
    trayIcon: join(resources, platform === "darwin" ? "trayTemplate.png" : "tray.png"),
  };
}
