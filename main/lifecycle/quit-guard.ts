import type { PreventableEvent } from "../security/navigation-guard.js";

export interface QuittableApp {
  on(event: "before-quit", listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

export interface QuitGuard {
  /** True from the first quit request on: windows then close for real instead of hiding to the tray. */
  readonly quitting: boolean;
}

/**
 * Holds the first quit until `stop` (the engine: unload models, save downloads, close the database) has
 * finished, then quits for real. A stop that hangs past the timeout does not keep the app open.
 */
export function installQuitGuard(app: QuittableApp, stop: () => Promise<void>, { timeoutMs = 15_000, log = (_line: string) => {} } = {}): QuitGuard {
  let state: "running" | "stopping" | "stopped" = "running";
  app.on("before-quit", (event) => {
    if (state === "stopped") return;
    event.preventDefault();
    if (state === "stopping") return;
    state = "stopping";
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`the engine did not stop within ${timeoutMs} ms; quitting anyway`);
        resolve();
      }, timeoutMs);
    });
    const stopped = stop().catch((error: unknown) => log(`stopping the engine failed: ${String(error)}`));
    void Promise.race([stopped, timedOut]).then(() => {
      clearTimeout(timer);
      state = "stopped";
      app.quit();
    });
  });
  return {
    get quitting() {
      return state !== "running";
    },
  };
}
