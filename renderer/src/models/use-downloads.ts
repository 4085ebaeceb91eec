import { useCallback, useState } from "react";
import type { DownloadView } from "../api/types.js";
import { useEngine } from "../app/engine-context.js";
import { usePolling } from "../app/use-interval.js";

/** The engine's downloads (paused ones too, even from before a restart); undefined where the server has no such view. */
export function useDownloads() {
  const { client } = useEngine();
  const [downloads, setDownloads] = useState<DownloadView[]>();
  const refresh = useCallback(async () => {
    try {
      setDownloads(await client.downloads());
    } catch {
      setDownloads(undefined);
    }
  }, [client]);
  usePolling(useCallback(() => void refresh(), [refresh]), 2000);
  return { downloads, refresh };
}
