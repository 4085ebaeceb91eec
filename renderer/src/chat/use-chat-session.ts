import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiRequestError, isAbort } from "../api/engine-client.js";
import type { ChatChunk, ChatOptions, ConversationWithMessages, StoredMessage } from "../api/types.js";
import { useEngine } from "../app/engine-context.js";
import { navigate } from "../app/router.js";
import { useAnswerLog } from "../metrics/answer-log-context.js";
import { answerMetrics } from "../metrics/answer-stats.js";
import { useModels } from "../models/models-context.js";
import { errorText } from "../ui/errors.js";
import { chatMessages, cleanOptions, lastModel, rememberModel } from "./chat-request.js";
import { useConversations } from "./conversations-context.js";

/** An answer while it streams. */
export interface LiveAnswer {
  conversationId: string;
  model: string;
  content: string;
  thinking: string;
  /** ms since sending; undefined until the first token. */
  firstTokenMs?: number;
  /** Arrival of each streamed piece (a token, or several joined when the client fell behind), ms since sending. */
  tokenMs: number[];
  /** The engine's load time, known when the final chunk arrives. */
  loadMs?: number;
  /** performance.now() when the request was sent. */
  sentAt: number;
}

export interface ChatSettings {
  model: string;
  system: string;
  options: ChatOptions;
}

const FLUSH_MS = 33;

/** One chat: loading it, sending, streaming the answer, stop, regenerate, edit and resend, its settings. */
export function useChatSession(routeId: string | undefined) {
  const { client } = useEngine();
  const { models } = useModels();
  const { all, refresh: refreshList } = useConversations();
  const { record } = useAnswerLog();
  const [conversation, setConversation] = useState<ConversationWithMessages>();
  const [draft, setDraft] = useState<ChatSettings>(() => ({ model: lastModel(), system: "", options: {} }));
  const [status, setStatus] = useState<"ready" | "loading" | "missing">("ready");
  const [live, setLive] = useState<LiveAnswer>();
  const [error, setError] = useState<string>();
  const currentId = useRef<string | undefined>(undefined);
  const abortRef = useRef<AbortController | undefined>(undefined);
  /** Bumped by every local change, so a reload started before it does not overwrite it. */
  const changes = useRef(0);

  const load = useCallback(
    async (id: string, quiet: boolean) => {
      const started = changes.current;
      if (!quiet) setStatus("loading");
      try {
        const loaded = await client.conversation(id);
        if (currentId.current !== id || changes.current !== started) return;
        setConversation(loaded);
        setStatus("ready");
      } catch (failure) {
        if (currentId.current !== id) return;
        if (failure instanceof ApiRequestError && failure.status === 404) {
          setConversation(undefined);
          setStatus("missing");
        } else if (!quiet) {
          setError(errorText(failure));
          setStatus("ready");
        }
      }
    },
    [client],
  );

  useEffect(() => {
    if (routeId === currentId.current) return;
    currentId.current = routeId;
    setError(undefined);
    setConversation(undefined);
    if (!routeId) {
      setStatus("ready");
      return;
    }
    void load(routeId, false);
  }, [routeId, load]);

  // Another window or tab changed (or deleted) this conversation: reload it once per change seen in the
  // list, never while an answer streams.
  const checked = useRef("");
  const listed = all?.find((item) => item.id === conversation?.id);
  const listedKey = all === undefined ? undefined : listed ? `${listed.updated_at}|${listed.message_count}` : "absent";
  useEffect(() => {
    if (!conversation || live || listedKey === undefined) return;
    const upToDate = listed !== undefined && listed.updated_at <= conversation.updated_at && listed.message_count === conversation.messages.length;
    const key = `${conversation.id}|${listedKey}`;
    if (upToDate || checked.current === key) return;
    checked.current = key;
    void load(conversation.id, true);
  }, [listedKey, listed, live, conversation, load]);

  const settings: ChatSettings = conversation ? { model: conversation.model, system: conversation.system, options: conversation.options } : draft;
  const model = useMemo(() => {
    if (!models || models.length === 0) return settings.model;
    if (models.some((item) => item.name === settings.model)) return settings.model;
    const remembered = lastModel();
    return models.find((item) => item.name === remembered)?.name ?? models[0].name;
  }, [models, settings.model]);

  const updateSettings = useCallback(
    async (patch: Partial<ChatSettings> & { title?: string }) => {
      if (patch.model) rememberModel(patch.model);
      if (!conversation) {
        const { title: _ignored, ...settings } = patch;
        setDraft((current) => ({ ...current, ...settings }));
        return;
      }
      changes.current++;
      setConversation((current) => (current ? { ...current, ...patch } : current));
      try {
        const updated = await client.updateConversation(conversation.id, patch);
        setConversation((current) => (current?.id === updated.id ? { ...current, ...updated, messages: current.messages } : current));
        if (patch.title !== undefined) void refreshList();
      } catch (failure) {
        setError(errorText(failure));
      }
    },
    [client, conversation, refreshList],
  );

  const setMessages = (id: string, messages: StoredMessage[]) => {
    changes.current++;
    setConversation((current) => (current?.id === id ? { ...current, messages } : current));
  };

  const streamAnswer = async (chat: ConversationWithMessages, history: StoredMessage[], useModel: string) => {
    const abort = new AbortController();
    abortRef.current = abort;
    const sentAt = performance.now();
    const state: LiveAnswer = { conversationId: chat.id, model: useModel, content: "", thinking: "", tokenMs: [], sentAt };
    const pieceChars: number[] = [];
    setLive({ ...state, tokenMs: [] });
    setError(undefined);
    let timer = 0;
    const flush = () => {
      timer = 0;
      setLive({ ...state, tokenMs: [...state.tokenMs] });
    };
    let final: ChatChunk | undefined;
    let failure: unknown;
    try {
      const request = { model: useModel, messages: chatMessages(chat.system, history), ...(cleanOptions(chat.options) ? { options: cleanOptions(chat.options) } : {}) };
      for await (const chunk of client.chat(request, abort.signal)) {
        const at = performance.now() - sentAt;
        const piece = chunk.message?.content ?? "";
        const thought = chunk.message?.thinking ?? "";
        if (piece || thought) {
          state.firstTokenMs ??= at;
          state.tokenMs.push(at);
          pieceChars.push(piece.length + thought.length);
          state.content += piece;
          state.thinking += thought;
        }
        if (chunk.done) {
          final = chunk;
          if (chunk.load_duration !== undefined) state.loadMs = chunk.load_duration / 1e6;
        }
        if (!timer) timer = window.setTimeout(flush, FLUSH_MS);
      }
    } catch (caught) {
      if (!isAbort(caught) && !abort.signal.aborted) failure = caught;
    }
    window.clearTimeout(timer);
    const wallMs = performance.now() - sentAt;
    const stopped = abort.signal.aborted;
    abortRef.current = undefined;
    if (state.content || state.thinking) {
      const metrics = answerMetrics(final, { firstTokenMs: state.firstTokenMs, tokenMs: state.tokenMs, pieceChars, wallMs }, stopped ? "stopped" : failure ? "error" : undefined);
      try {
        const saved = await client.appendMessage(chat.id, { role: "assistant", content: state.content, ...(state.thinking ? { thinking: state.thinking } : {}), model: useModel, metrics });
        setMessages(chat.id, [...history, saved]);
        record({ id: saved.id, model: useModel, conversationId: chat.id, at: Date.now(), metrics });
      } catch (saveFailure) {
        failure ??= saveFailure;
      }
    }
    setLive(undefined);
    if (failure && currentId.current === chat.id) setError(errorText(failure));
    void refreshList();
  };

  const send = async (text: string) => {
    if (!text.trim() || live || !model) return;
    setError(undefined);
    try {
      let chat = conversation;
      if (!chat) {
        chat = await client.createConversation({ model, system: draft.system, options: draft.options });
        currentId.current = chat.id;
        setConversation(chat);
        setStatus("ready");
        navigate({ page: "chat", conversationId: chat.id }, { replace: true });
      } else if (chat.model !== model) {
        chat = { ...chat, model };
        void client.updateConversation(chat.id, { model });
      }
      rememberModel(model);
      const user = await client.appendMessage(chat.id, { role: "user", content: text });
      const history = [...chat.messages, user];
      setMessages(chat.id, history);
      await streamAnswer(chat, history, model);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const stop = () => abortRef.current?.abort();

  /** Drops an answer (and anything after it) and asks again. */
  const regenerate = async (messageId: string) => {
    if (!conversation || live) return;
    const index = conversation.messages.findIndex((message) => message.id === messageId);
    if (index < 0) return;
    try {
      await client.truncateFrom(conversation.id, messageId);
      const history = conversation.messages.slice(0, index);
      setMessages(conversation.id, history);
      await streamAnswer(conversation, history, model);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  /** Answers the history as it is (after a failure or a stop before any token). */
  const retry = async () => {
    if (!conversation || live) return;
    await streamAnswer(conversation, conversation.messages, model);
  };

  /** Replaces a user message's text, drops what followed it and asks again. */
  const editAndResend = async (messageId: string, text: string) => {
    if (!conversation || live || !text.trim()) return;
    const index = conversation.messages.findIndex((message) => message.id === messageId);
    if (index < 0) return;
    try {
      const edited = await client.updateMessage(conversation.id, messageId, { content: text });
      const next = conversation.messages[index + 1];
      if (next) await client.truncateFrom(conversation.id, next.id);
      const history = [...conversation.messages.slice(0, index), edited];
      setMessages(conversation.id, history);
      await streamAnswer(conversation, history, model);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return {
    conversation,
    status,
    settings,
    model,
    live: live && live.conversationId === conversation?.id ? live : undefined,
    /** An answer streams in another conversation of this window. */
    busyElsewhere: live !== undefined && live.conversationId !== conversation?.id,
    error,
    dismissError: () => setError(undefined),
    updateSettings,
    send,
    stop,
    regenerate,
    retry,
    editAndResend,
  };
}

export type ChatSession = ReturnType<typeof useChatSession>;
