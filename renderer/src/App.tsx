import { engineInfo } from "./api/desktop-client.js";
import { ChatPage } from "./chat/ChatPage.js";
import { ConversationsProvider } from "./chat/conversations-context.js";
import { EngineProvider, useEngine } from "./app/engine-context.js";
import { useRoute } from "./app/router.js";
import { Sidebar } from "./app/Sidebar.js";
import { useTheme } from "./app/theme.js";
import { useConnection } from "./app/use-connection.js";
import { AnswerLogProvider } from "./metrics/answer-log-context.js";
import { MetricsPage } from "./metrics/MetricsPage.js";
import { ModelsProvider } from "./models/models-context.js";
import { ModelsPage } from "./models/ModelsPage.js";
import { PullsProvider } from "./models/pulls-context.js";
import { SettingsPage } from "./settings/SettingsPage.js";
import { ToastProvider } from "./ui/toast.js";

function Shell() {
  const route = useRoute();
  const connection = useConnection();
  const { target } = useEngine();
  const [theme, setTheme] = useTheme();
  const app = engineInfo();
  const serverLabel = target.url
    ? target.url.replace(/^https?:\/\//, "")
    : app?.mode === "external"
      ? `${app.server === "ollama" ? "Ollama" : "Paddock"} at ${app.url.replace(/^https?:\/\//, "")}`
      : "This computer";
  return (
    <div className="app">
      <Sidebar route={route} connection={connection} serverLabel={serverLabel} />
      <main className="main">
        {connection.state === "offline" && (
          <div className="offline-banner" role="alert">
            Cannot reach {target.url || (app ? app.url : "the engine")}: {connection.error}. Retrying…
          </div>
        )}
        {route.page === "chat" && <ChatPage conversationId={route.conversationId} />}
        {route.page === "models" && <ModelsPage />}
        {route.page === "metrics" && <MetricsPage />}
        {route.page === "settings" && <SettingsPage theme={theme} onTheme={setTheme} connection={connection} />}
      </main>
    </div>
  );
}

/** Paddock's UI: the providers every page shares, then the shell. */
export function App() {
  return (
    <ToastProvider>
      <EngineProvider>
        <ModelsProvider>
          <PullsProvider>
            <ConversationsProvider>
              <AnswerLogProvider>
                <Shell />
              </AnswerLogProvider>
            </ConversationsProvider>
          </PullsProvider>
        </ModelsProvider>
      </EngineProvider>
    </ToastProvider>
  );
}
