import { useState } from "react";
import { Copy, Pencil } from "lucide-react";
import type { StoredMessage } from "../api/types.js";
import { Button } from "../ui/Button.js";
import { copyText } from "../ui/clipboard.js";
import { IconButton } from "../ui/IconButton.js";

interface UserMessageProps {
  message: StoredMessage;
  canEdit: boolean;
  onEditAndResend(text: string): void;
}

/** The user's turn, on the right; it can be edited and sent again (what followed it is replaced). */
export function UserMessage({ message, canEdit, onEditAndResend }: UserMessageProps) {
  const [editing, setEditing] = useState<string>();
  if (editing !== undefined) {
    return (
      <div className="message message-user editing" data-role="user">
        <form
          className="message-edit"
          onSubmit={(event) => {
            event.preventDefault();
            if (!editing.trim()) return;
            onEditAndResend(editing);
            setEditing(undefined);
          }}
        >
          <textarea aria-label="Edit message" autoFocus rows={Math.min(10, editing.split("\n").length + 1)} value={editing} onChange={(event) => setEditing(event.target.value)} />
          <div className="message-edit-actions">
            <Button variant="ghost" size="sm" onClick={() => setEditing(undefined)}>
              Cancel
            </Button>
            <Button variant="primary" size="sm" type="submit" disabled={!editing.trim()}>
              Save &amp; resend
            </Button>
          </div>
        </form>
      </div>
    );
  }
  return (
    <div className="message message-user" data-role="user">
      <div className="bubble">{message.content}</div>
      <div className="message-actions">
        <IconButton label="Copy message" onClick={() => void copyText(message.content)}>
          <Copy size={14} />
        </IconButton>
        {canEdit && (
          <IconButton label="Edit and resend" onClick={() => setEditing(message.content)}>
            <Pencil size={14} />
          </IconButton>
        )}
      </div>
    </div>
  );
}
