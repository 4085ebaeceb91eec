import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Conversation } from "../api/types.js";
import { useEngine } from "../app/engine-context.js";
import { usePolling } from "../app/use-interval.js";
import { errorText } from "../ui/errors.js";

interface ConversationsState {
  /** The list as filtered by `query`; undefined until loaded. */
  conversations: Conversation[] | undefined;
  /** Every conversation, newest first (for change detection across windows). */
  all: Conversation[] | undefined;
  query: string;
  setQuery(query: string): void;
  error: string | undefined;
  refresh(): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
}

const ConversationsContext = createContext<ConversationsState | undefined>(undefined);

const POLL_MS = 4000;

/** The chat history list, shared by the sidebar and the chat page; polled so other windows' changes show up. */
export function ConversationsProvider({ children }: { children: ReactNode }) {
  const { client } = useEngine();
  const [all, setAll] = useState<Conversation[]>();
  const [filtered, setFiltered] = useState<Conversation[]>();
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string>();
  const queryRef = useRef(query);
  queryRef.current = query;

  const refresh = useCallback(async () => {
    try {
      const current = queryRef.current;
      const [everything, matching] = await Promise.all([client.conversations(), current.trim() ? client.conversations(current) : undefined]);
      setAll(everything);
      if (queryRef.current === current) setFiltered(matching ?? everything);
      setError(undefined);
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [client]);

  usePolling(useCallback(() => void refresh(), [refresh]), POLL_MS);

  // Searching asks the engine (titles and message text) a moment after typing stops.
  useEffect(() => {
    const timer = window.setTimeout(() => void refresh(), 150);
    return () => window.clearTimeout(timer);
  }, [query, refresh]);

  const rename = useCallback(
    async (id: string, title: string) => {
      await client.updateConversation(id, { title });
      await refresh();
    },
    [client, refresh],
  );

  const remove = useCallback(
    async (id: string) => {
      await client.deleteConversation(id);
      await refresh();
    },
    [client, refresh],
  );

  const value = useMemo(
    () => ({ conversations: filtered, all, query, setQuery, error, refresh, rename, remove }),
    [filtered, all, query, error, refresh, rename, remove],
  );
  return <ConversationsContext.Provider value={value}>{children}</ConversationsContext.Provider>;
}

export function useConversations(): ConversationsState {
  const value = useContext(ConversationsContext);
  if (!value) throw new Error("useConversations outside ConversationsProvider");
  return value;
}
