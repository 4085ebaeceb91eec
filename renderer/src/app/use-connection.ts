import { useCallback, useState } from "react";
import { useEngine } from "./engine-context.js";
import { usePolling } from "./use-interval.js";

export interface Connection {
  state: "checking" | "online" | "offline";
  version?: string;
  error?: string;
}

/** Whether the selected server answers, checked every few seconds. */
export function useConnection(): Connection {
  const { client } = useEngine();
  const [connection, setConnection] = useState<Connection>({ state: "checking" });
  const check = useCallback(() => {
    const abort = new AbortController();
    const timer = window.setTimeout(() => abort.abort(), 4000);
    client.version(abort.signal).then(
      ({ version }) => setConnection({ state: "online", version }),
      (error: unknown) => setConnection({ state: "offline", error: error instanceof Error ? error.message : String(error) }),
    ).finally(() => window.clearTimeout(timer));
  }, [client]);
  usePolling(check, 10_000);
  return connection;
}
