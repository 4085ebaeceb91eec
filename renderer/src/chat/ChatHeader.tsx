import { useState } from "react";
import { Check, PanelRight, Pencil, X } from "lucide-react";
import type { ListedModel } from "../api/types.js";
import { IconButton } from "../ui/IconButton.js";
import { ModelPicker } from "./ModelPicker.js";

interface ChatHeaderProps {
  title: string | undefined;
  models: ListedModel[] | undefined;
  model: string;
  onModel(model: string): void;
  onRename?(title: string): void;
  settingsOpen: boolean;
  onToggleSettings(): void;
  busy: boolean;
}

/** The chat's title (click to rename), its model, and the chat settings toggle. */
export function ChatHeader({ title, models, model, onModel, onRename, settingsOpen, onToggleSettings, busy }: ChatHeaderProps) {
  const [editing, setEditing] = useState<string>();
  const save = () => {
    if (editing !== undefined && editing.trim() && onRename) onRename(editing.trim());
    setEditing(undefined);
  };
  return (
    <header className="chat-header">
      <div className="chat-title">
        {editing === undefined ? (
          <>
            <h1 title={title || "New chat"}>{title || "New chat"}</h1>
            {onRename && (
              <IconButton label="Rename chat" onClick={() => setEditing(title ?? "")}>
                <Pencil size={15} />
              </IconButton>
            )}
          </>
        ) : (
          <form
            className="inline-rename"
            onSubmit={(event) => {
              event.preventDefault();
              save();
            }}
          >
            <input aria-label="Chat title" autoFocus value={editing} onChange={(event) => setEditing(event.target.value)} onKeyDown={(event) => event.key === "Escape" && setEditing(undefined)} />
            <IconButton label="Save title" type="submit">
              <Check size={16} />
            </IconButton>
            <IconButton label="Cancel rename" onClick={() => setEditing(undefined)}>
              <X size={16} />
            </IconButton>
          </form>
        )}
      </div>
      <div className="chat-header-actions">
        <ModelPicker models={models} value={model} onChange={onModel} disabled={busy} />
        <IconButton label={settingsOpen ? "Hide chat settings" : "Chat settings"} className={settingsOpen ? "active" : ""} onClick={onToggleSettings} aria-pressed={settingsOpen}>
          <PanelRight size={18} />
        </IconButton>
      </div>
    </header>
  );
}
