import { useSyncExternalStore } from "react";

// A small router over the History API: the engine answers every /app/... path with the UI, so a reload
// or a bookmarked conversation opens where it was.

export type Route =
  | { page: "chat"; conversationId?: string }
  | { page: "models" }
  | { page: "metrics" }
  | { page: "settings" };

const BASE = "/app";
const NAVIGATE_EVENT = "paddock:navigate";

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "models") return { page: "models" };
  if (parts[0] === "metrics") return { page: "metrics" };
  if (parts[0] === "settings") return { page: "settings" };
  if (parts[0] === "c" && parts[1]) return { page: "chat", conversationId: parts[1] };
  return { page: "chat" };
}

export function routePath(route: Route): string {
  switch (route.page) {
    case "chat":
      return route.conversationId ? `${BASE}/c/${encodeURIComponent(route.conversationId)}` : `${BASE}/`;
    default:
      return `${BASE}/${route.page}`;
  }
}

export function navigate(route: Route, { replace = false } = {}): void {
  const path = routePath(route);
  if (path === location.pathname) return;
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path; components parse it, so equal routes compare equal as strings. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export function useRoute(): Route {
  return parseRoute(usePathname());
}
