import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { isAbort } from "../api/engine-client.js";
import { useEngine } from "../app/engine-context.js";
import { errorText } from "../ui/errors.js";
import { withTag } from "./model-name.js";
import { useModels } from "./models-context.js";
import { applyProgress, newPull, type PullState } from "./pull-state.js";

interface Pulls {
  pulls: PullState[];
  /** Starts (or resumes) pulling a model. */
  start(name: string, options?: { insecure?: boolean }): void;
  /** Stops the transfer; the engine keeps what was downloaded and a resume continues from there. */
  pause(key: string): void;
  resume(key: string): void;
  /** Stops the transfer and deletes the partial download. */
  cancel(key: string): Promise<void>;
  dismiss(key: string): void;
}

const PullsContext = createContext<Pulls | undefined>(undefined);

const INSECURE_KEY = "paddock.insecurePulls";

/** Names pulled over plain HTTP, remembered so a resume after a reload asks the same way. */
function insecureNames(): string[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(INSECURE_KEY) ?? "[]");
    return Array.isArray(saved) ? saved.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function wasPulledInsecurely(key: string): boolean {
  return insecureNames().includes(key);
}

function rememberInsecure(key: string, insecure: boolean): void {
  const names = insecureNames().filter((name) => name !== key);
  if (insecure) names.push(key);
  localStorage.setItem(INSECURE_KEY, JSON.stringify(names.slice(-50)));
}

/** Pulls in progress; kept above the pages so a pull goes on while the user chats. */
export function PullsProvider({ children }: { children: ReactNode }) {
  const { client } = useEngine();
  const { refresh } = useModels();
  const [pulls, setPulls] = useState<PullState[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const stateOf = useRef(new Map<string, PullState>());

  const update = useCallback((key: string, change: (pull: PullState) => PullState) => {
    setPulls((current) =>
      current.map((pull) => {
        if (pull.key !== key) return pull;
        const next = change(pull);
        stateOf.current.set(key, next);
        return next;
      }),
    );
  }, []);

  const run = useCallback(
    async (key: string, name: string, insecure: boolean) => {
      controllers.current.get(key)?.abort();
      const abort = new AbortController();
      controllers.current.set(key, abort);
      let finished = false;
      try {
        for await (const line of client.pull(name, { insecure, signal: abort.signal })) {
          if (line.status === "success") finished = true;
          update(key, (pull) => applyProgress(pull, line, performance.now()));
        }
        if (!finished) throw new Error("the pull ended before it finished");
        rememberInsecure(key, false);
        void refresh();
      } catch (error) {
        if (isAbort(error) || abort.signal.aborted) return;
        update(key, (pull) => ({ ...pull, phase: "failed", error: errorText(error), speed: 0 }));
      } finally {
        if (controllers.current.get(key) === abort) controllers.current.delete(key);
      }
    },
    [client, refresh, update],
  );

  const start = useCallback(
    (name: string, options: { insecure?: boolean } = {}) => {
      const key = withTag(name);
      const insecure = options.insecure ?? false;
      if (insecure) rememberInsecure(key, true);
      const pull = newPull(name.trim(), key, insecure);
      stateOf.current.set(key, pull);
      setPulls((current) => [pull, ...current.filter((existing) => existing.key !== key)]);
      void run(key, name.trim(), insecure);
    },
    [run],
  );

  const pause = useCallback(
    (key: string) => {
      update(key, (pull) => ({ ...pull, phase: "paused", speed: 0, samples: [] }));
      controllers.current.get(key)?.abort();
    },
    [update],
  );

  const resume = useCallback(
    (key: string) => {
      const pull = stateOf.current.get(key);
      if (!pull) return;
      update(key, (current) => ({ ...current, phase: "starting", error: undefined, samples: [] }));
      void run(key, pull.name, pull.insecure);
    },
    [run, update],
  );

  const dismiss = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    stateOf.current.delete(key);
    setPulls((current) => current.filter((pull) => pull.key !== key));
  }, []);

  const cancel = useCallback(
    async (key: string) => {
      const pull = stateOf.current.get(key);
      controllers.current.get(key)?.abort();
      dismiss(key);
      await client.discardDownloads(pull?.name ?? key);
      rememberInsecure(key, false);
    },
    [client, dismiss],
  );

  const value = useMemo(() => ({ pulls, start, pause, resume, cancel, dismiss }), [pulls, start, pause, resume, cancel, dismiss]);
  return <PullsContext.Provider value={value}>{children}</PullsContext.Provider>;
}

export function usePulls(): Pulls {
  const value = useContext(PullsContext);
  if (!value) throw new Error("usePulls outside PullsProvider");
  return value;
}
