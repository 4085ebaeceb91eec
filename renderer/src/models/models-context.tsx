import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ListedModel } from "../api/types.js";
import { useEngine } from "../app/engine-context.js";
import { usePolling } from "../app/use-interval.js";
import { errorText } from "../ui/errors.js";

interface ModelsState {
  /** undefined until the first answer. */
  models: ListedModel[] | undefined;
  error: string | undefined;
  refresh(): Promise<void>;
}

const ModelsContext = createContext<ModelsState | undefined>(undefined);

/** The server's models (/api/tags), shared by the chat's model picker and the Models page. */
export function ModelsProvider({ children }: { children: ReactNode }) {
  const { client } = useEngine();
  const [models, setModels] = useState<ListedModel[]>();
  const [error, setError] = useState<string>();
  const refresh = useCallback(async () => {
    try {
      setModels(await client.tags());
      setError(undefined);
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [client]);
  useEffect(() => setModels(undefined), [client]);
  usePolling(useCallback(() => void refresh(), [refresh]), 15_000);
  const value = useMemo(() => ({ models, error, refresh }), [models, error, refresh]);
  return <ModelsContext.Provider value={value}>{children}</ModelsContext.Provider>;
}

export function useModels(): ModelsState {
  const value = useContext(ModelsContext);
  if (!value) throw new Error("useModels outside ModelsProvider");
  return value;
}
