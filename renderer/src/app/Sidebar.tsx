import { BarChart3, Boxes, MessageSquare, Plus, Settings } from "lucide-react";
import { ConversationList } from "../chat/ConversationList.js";
import { usePulls } from "../models/pulls-context.js";
import { navigate, type Route } from "./router.js";
import type { Connection } from "./use-connection.js";

const NAV: Array<{ page: Route["page"]; label: string; icon: typeof MessageSquare }> = [
  { page: "chat", label: "Chat", icon: MessageSquare },
  { page: "models", label: "Models", icon: Boxes },
  { page: "metrics", label: "Metrics", icon: BarChart3 },
  { page: "settings", label: "Settings", icon: Settings },
];

function Logo() {
  return (
    <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--brand)" />
      <path d="M11 24V8h7a5 5 0 0 1 0 10h-7" fill="none" stroke="#f3f3ee" strokeWidth="3.2" strokeLinejoin="round" />
    </svg>
  );
}

/** Brand, new chat, the pages, and the chat list; the server's state at the bottom. */
export function Sidebar({ route, connection, serverLabel }: { route: Route; connection: Connection; serverLabel: string }) {
  const { pulls } = usePulls();
  const activePulls = pulls.filter((pull) => pull.phase === "pulling" || pull.phase === "starting" || pull.phase === "verifying").length;
  return (
    <nav className="sidebar" aria-label="Paddock">
      <div className="brand">
        <Logo />
        <span>Paddock</span>
      </div>
      <button type="button" className="new-chat" onClick={() => navigate({ page: "chat" })}>
        <Plus size={16} /> New chat
      </button>
      <ul className="nav">
        {NAV.map(({ page, label, icon: Icon }) => (
          <li key={page}>
            <a
              href={page === "chat" ? "/app/" : `/app/${page}`}
              className={route.page === page ? "active" : ""}
              aria-current={route.page === page ? "page" : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(page === "chat" ? { page: "chat" } : ({ page } as Route));
              }}
            >
              <Icon size={17} />
              <span>{label}</span>
              {page === "models" && activePulls > 0 && <span className="nav-badge" title="Downloads in progress">{activePulls}</span>}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-section-title">Chats</div>
      <ConversationList activeId={route.page === "chat" ? route.conversationId : undefined} />
      <div className={`connection connection-${connection.state}`} title={connection.error ?? ""}>
        <span className="dot" />
        <span className="connection-text">
          {connection.state === "online" ? serverLabel : connection.state === "checking" ? "Connecting…" : "Engine unreachable"}
        </span>
        {connection.version && <span className="muted small">v{connection.version}</span>}
      </div>
    </nav>
  );
}
