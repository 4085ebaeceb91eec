import type { ServerTarget } from "./engine-client.js";

const KEY = "paddock.server";

/** Which server the UI drives, kept in this browser's localStorage (it is a UI setting, not the engine's). */
export function loadServerTarget(): ServerTarget {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<ServerTarget> | null;
    if (saved && typeof saved.url === "string") return { url: saved.url, ...(saved.apiKey ? { apiKey: saved.apiKey } : {}) };
  } catch {
    // a broken value means the default
  }
  return { url: "" };
}

export function saveServerTarget(target: ServerTarget): void {
  if (!target.url && !target.apiKey) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, JSON.stringify(target));
}

/**
 * What the user typed → a base URL, read like OLLAMA_HOST: "box" → "http://box:11434",
 * "https://box/ollama/" → "https://box/ollama". "" stays "" (this computer); undefined when invalid.
 */
export function normalizeServerUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return "";
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  try {
    const url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    if (!hasScheme && !url.port) url.port = "11434";
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return undefined;
  }
}
