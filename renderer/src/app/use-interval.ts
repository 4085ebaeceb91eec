import { useEffect } from "react";

/**
 * Runs `callback` now and every `ms` while the page is visible, and again when the window regains focus
 * (how windows and tabs see each other's changes). Pass a stable callback (useCallback): a new one starts
 * over. A null interval stops it.
 */
export function usePolling(callback: () => void, ms: number | null): void {
  useEffect(() => {
    if (ms === null) return;
    const run = () => {
      if (document.visibilityState === "visible") callback();
    };
    run();
    const timer = window.setInterval(run, ms);
    window.addEventListener("focus", run);
    document.addEventListener("visibilitychange", run);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", run);
      document.removeEventListener("visibilitychange", run);
    };
  }, [callback, ms]);
}
