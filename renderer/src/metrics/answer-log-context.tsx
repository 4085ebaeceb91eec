import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { AnswerMetrics } from "../api/types.js";

export interface LoggedAnswer {
  id: string;
  model: string;
  conversationId: string;
  at: number;
  metrics: AnswerMetrics;
}

interface AnswerLog {
  answers: LoggedAnswer[];
  record(answer: LoggedAnswer): void;
}

const AnswerLogContext = createContext<AnswerLog>({ answers: [], record: () => {} });

const KEY = "paddock.answerLog";
const KEEP = 50;

function load(): LoggedAnswer[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(saved) ? (saved as LoggedAnswer[]) : [];
  } catch {
    return [];
  }
}

/** The latest answers' metrics in this browser (every tab adds to it), newest first, for the Metrics page. */
export function AnswerLogProvider({ children }: { children: ReactNode }) {
  const [answers, setAnswers] = useState<LoggedAnswer[]>(load);
  useEffect(() => {
    const onStorage = (event: StorageEvent) => event.key === KEY && setAnswers(load());
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);
  const record = useCallback((answer: LoggedAnswer) => {
    const next = [answer, ...load().filter((existing) => existing.id !== answer.id)].slice(0, KEEP);
    localStorage.setItem(KEY, JSON.stringify(next));
    setAnswers(next);
  }, []);
  const value = useMemo(() => ({ answers, record }), [answers, record]);
  return <AnswerLogContext.Provider value={value}>{children}</AnswerLogContext.Provider>;
}

export function useAnswerLog(): AnswerLog {
  return useContext(AnswerLogContext);
}
