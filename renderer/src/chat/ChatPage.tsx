import { useEffect, useState } from "react";
import { AlertTriangle, RotateCcw } from "lucide-react";
import { navigate } from "../app/router.js";
import { FirstRun } from "../models/FirstRun.js";
import { useModels } from "../models/models-context.js";
import { Button } from "../ui/Button.js";
import { Spinner } from "../ui/Spinner.js";
import { ChatHeader } from "./ChatHeader.js";
import { ChatSettingsPanel } from "./ChatSettingsPanel.js";
import { ChatWelcome } from "./ChatWelcome.js";
import { Composer } from "./Composer.js";
import { MessageList } from "./MessageList.js";
import { useChatSession } from "./use-chat-session.js";

const SETTINGS_OPEN_KEY = "paddock.chatSettingsOpen";

/** The chat screen: header, messages (or a welcome), the composer, and the chat settings panel. */
export function ChatPage({ conversationId }: { conversationId: string | undefined }) {
  const session = useChatSession(conversationId);
  const { models } = useModels();
  const [text, setText] = useState("");
  const [settingsOpen, setSettingsOpen] = useState(() => localStorage.getItem(SETTINGS_OPEN_KEY) === "1");
  useEffect(() => localStorage.setItem(SETTINGS_OPEN_KEY, settingsOpen ? "1" : "0"), [settingsOpen]);
  useEffect(() => setText(""), [conversationId]);

  const { conversation, live, model } = session;
  const busy = live !== undefined || session.busyElsewhere;
  const noModels = models !== undefined && models.length === 0;
  const messages = conversation?.messages ?? [];
  const last = messages[messages.length - 1];

  if (noModels && messages.length === 0) return <FirstRun />;

  if (session.status === "missing") {
    return (
      <div className="page-center">
        <div className="empty-card">
          <h2>This chat no longer exists</h2>
          <p className="muted">It was deleted, perhaps in another window.</p>
          <Button variant="primary" onClick={() => navigate({ page: "chat" })}>
            Start a new chat
          </Button>
        </div>
      </div>
    );
  }

  const send = () => {
    const message = text;
    setText("");
    void session.send(message);
  };

  return (
    <div className="chat-page">
      <section className="chat-main">
        <ChatHeader
          title={conversation?.title}
          models={models}
          model={model}
          onModel={(name) => void session.updateSettings({ model: name })}
          onRename={conversation ? (title) => void session.updateSettings({ title }) : undefined}
          settingsOpen={settingsOpen}
          onToggleSettings={() => setSettingsOpen((open) => !open)}
          busy={busy}
        />
        {session.status === "loading" ? (
          <div className="page-center">
            <Spinner size={22} />
          </div>
        ) : messages.length === 0 && !live ? (
          <div className="message-scroll">
            <ChatWelcome model={model} onStarter={setText} />
          </div>
        ) : (
          <MessageList
            conversationId={conversation?.id ?? "new"}
            messages={messages}
            live={live}
            busy={busy}
            onRegenerate={(id) => void session.regenerate(id)}
            onEditAndResend={(id, edited) => void session.editAndResend(id, edited)}
          >
            {session.error && (
              <div className="chat-error" role="alert">
                <AlertTriangle size={16} />
                <span>{session.error}</span>
                {last?.role === "user" && !busy && (
                  <Button size="sm" variant="secondary" icon={<RotateCcw size={14} />} onClick={() => void session.retry()}>
                    Retry
                  </Button>
                )}
              </div>
            )}
          </MessageList>
        )}
        {session.error && messages.length === 0 && (
          <div className="chat-error floating" role="alert">
            <AlertTriangle size={16} />
            <span>{session.error}</span>
          </div>
        )}
        <div className="composer-wrap">
          <Composer
            value={text}
            onChange={setText}
            onSend={send}
            onStop={session.stop}
            streaming={live !== undefined}
            disabled={!model || session.busyElsewhere || session.status === "loading"}
            placeholder={model ? `Message ${model}` : "Pull or import a model to start"}
          />
          <div className="composer-hint">
            {session.busyElsewhere ? "Another chat is answering…" : "Enter to send · Shift+Enter for a new line"}
          </div>
        </div>
      </section>
      {settingsOpen && (
        <ChatSettingsPanel
          key={conversation?.id ?? "new"}
          system={session.settings.system}
          options={session.settings.options}
          onChange={(patch) => void session.updateSettings(patch)}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  );
}
