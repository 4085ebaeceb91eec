import type { BrowserWindowConstructorOptions } from "electron";

/** The renderer may talk only to the local engine; nothing is loaded from anywhere else. */
export function contentSecurityPolicy(engineOrigin: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${engineOrigin}`,
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Hardened window: isolated, sandboxed, no Node in the page; the preload exposes only the IPC contract. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    show: false,
    title: "Paddock",
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  };
}
