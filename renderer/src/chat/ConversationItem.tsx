import { useState } from "react";
import { Check, Pencil, Trash2, X } from "lucide-react";
import type { Conversation } from "../api/types.js";
import { navigate } from "../app/router.js";
import { formatRelative } from "../ui/format.js";
import { IconButton } from "../ui/IconButton.js";

interface ConversationItemProps {
  conversation: Conversation;
  active: boolean;
  onRename(title: string): void;
  onDelete(): void;
}

/** One chat in the sidebar: click to open; rename and delete on hover. */
export function ConversationItem({ conversation, active, onRename, onDelete }: ConversationItemProps) {
  const [editing, setEditing] = useState<string>();
  const title = conversation.title || "New chat";
  if (editing !== undefined) {
    const save = () => {
      if (editing.trim() && editing.trim() !== conversation.title) onRename(editing.trim());
      setEditing(undefined);
    };
    return (
      <li className="conversation-item editing">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <input aria-label="New title" autoFocus value={editing} onChange={(event) => setEditing(event.target.value)} onKeyDown={(event) => event.key === "Escape" && setEditing(undefined)} />
          <IconButton label="Save title" type="submit">
            <Check size={14} />
          </IconButton>
          <IconButton label="Cancel rename" onClick={() => setEditing(undefined)}>
            <X size={14} />
          </IconButton>
        </form>
      </li>
    );
  }
  return (
    <li className={`conversation-item${active ? " active" : ""}`} data-conversation-id={conversation.id}>
      <a
        href={`/app/c/${conversation.id}`}
        aria-current={active ? "page" : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          navigate({ page: "chat", conversationId: conversation.id });
        }}
      >
        <span className="conversation-title">{title}</span>
        {conversation.snippet ? <span className="conversation-snippet">{conversation.snippet}</span> : <span className="conversation-meta">{formatRelative(conversation.updated_at)}</span>}
      </a>
      <div className="conversation-actions">
        <IconButton label={`Rename ${title}`} onClick={() => setEditing(conversation.title)}>
          <Pencil size={14} />
        </IconButton>
        <IconButton label={`Delete ${title}`} tone="danger" onClick={onDelete}>
          <Trash2 size={14} />
        </IconButton>
      </div>
    </li>
  );
}
