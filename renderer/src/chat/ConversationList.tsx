import { useState } from "react";
import { Search, X } from "lucide-react";
import { navigate } from "../app/router.js";
import { ConfirmDialog } from "../ui/ConfirmDialog.js";
import { useToast } from "../ui/toast.js";
import { errorText } from "../ui/errors.js";
import { ConversationItem } from "./ConversationItem.js";
import { useConversations } from "./conversations-context.js";

/** Search and the list of chats, newest first. */
export function ConversationList({ activeId }: { activeId: string | undefined }) {
  const { conversations, query, setQuery, rename, remove, error } = useConversations();
  const notify = useToast();
  const [deleting, setDeleting] = useState<{ id: string; title: string }>();
  return (
    <div className="conversation-panel">
      <div className="search">
        <Search size={15} className="search-icon" />
        <input type="search" aria-label="Search chats" placeholder="Search chats" value={query} onChange={(event) => setQuery(event.target.value)} />
        {query && (
          <button type="button" className="search-clear" aria-label="Clear search" onClick={() => setQuery("")}>
            <X size={14} />
          </button>
        )}
      </div>
      {error && <p className="form-error small pad">{error}</p>}
      <ul className="conversation-list" aria-label="Chats">
        {conversations?.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            conversation={conversation}
            active={conversation.id === activeId}
            onRename={(title) => void rename(conversation.id, title).catch((failure: unknown) => notify(errorText(failure), "error"))}
            onDelete={() => setDeleting({ id: conversation.id, title: conversation.title || "New chat" })}
          />
        ))}
      </ul>
      {conversations?.length === 0 && <p className="muted small pad">{query ? "No chat matches." : "Your chats will appear here."}</p>}
      <ConfirmDialog
        title="Delete chat?"
        open={deleting !== undefined}
        confirmLabel="Delete"
        danger
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (!deleting) return;
          await remove(deleting.id);
          if (deleting.id === activeId) navigate({ page: "chat" }, { replace: true });
        }}
      >
        <p>
          <strong>{deleting?.title}</strong> and all its messages will be deleted, in every window.
        </p>
      </ConfirmDialog>
    </div>
  );
}
