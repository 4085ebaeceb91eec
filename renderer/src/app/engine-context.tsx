import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { EngineClient, type ServerTarget } from "../api/engine-client.js";
import { isDesktop } from "../api/desktop-client.js";
import { loadServerTarget, saveServerTarget } from "../api/server-config.js";

interface EngineContextValue {
  client: EngineClient;
  target: ServerTarget;
  setTarget(target: ServerTarget): void;
}

const EngineContext = createContext<EngineContextValue | undefined>(undefined);

/** Gives every component the engine client for the server chosen in Settings. */
export function EngineProvider({ children }: { children: ReactNode }) {
  // In the desktop app the main process picks the engine (and its content security policy allows only that
  // one), so a remote server chosen in a browser does not apply there.
  const [target, setTargetState] = useState<ServerTarget>(() => (isDesktop() ? { url: "" } : loadServerTarget()));
  const client = useMemo(() => new EngineClient(target), [target]);
  const setTarget = useCallback((next: ServerTarget) => {
    saveServerTarget(next);
    setTargetState(next);
  }, []);
  const value = useMemo(() => ({ client, target, setTarget }), [client, target, setTarget]);
  return <EngineContext.Provider value={value}>{children}</EngineContext.Provider>;
}

export function useEngine(): EngineContextValue {
  const value = useContext(EngineContext);
  if (!value) throw new Error("useEngine outside EngineProvider");
  return value;
}
