import { useCallback, useState } from "react";
import type { RunningModel } from "../api/types.js";
import { useEngine } from "../app/engine-context.js";
import { usePolling } from "../app/use-interval.js";
import { errorText } from "../ui/errors.js";

/** /api/ps, polled every two seconds. */
export function useRunningModels() {
  const { client } = useEngine();
  const [running, setRunning] = useState<RunningModel[]>();
  const [error, setError] = useState<string>();
  const refresh = useCallback(async () => {
    try {
      setRunning(await client.running());
      setError(undefined);
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [client]);
  usePolling(useCallback(() => void refresh(), [refresh]), 2000);
  return { running, error, refresh };
}
