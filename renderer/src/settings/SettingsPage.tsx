import { useEffect, useState } from "react";
import { useEngine } from "../app/engine-context.js";
import type { Theme } from "../app/theme.js";
import type { Connection } from "../app/use-connection.js";
import { AboutSection } from "./AboutSection.js";
import { AppearanceSection } from "./AppearanceSection.js";
import { EngineSettingsSection } from "./EngineSettingsSection.js";
import { ServerSection } from "./ServerSection.js";

export function SettingsPage({ theme, onTheme, connection }: { theme: Theme; onTheme(theme: Theme): void; connection: Connection }) {
  const { client } = useEngine();
  const [dataDir, setDataDir] = useState<string>();
  useEffect(() => {
    if (!client.hasEngineSettings) return;
    client.engineSettings().then((view) => setDataDir(view.data_dir), () => setDataDir(undefined));
  }, [client]);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="muted">Where Paddock runs models, and how it looks.</p>
        </div>
      </header>
      <ServerSection />
      <EngineSettingsSection />
      <AppearanceSection theme={theme} onTheme={onTheme} />
      <AboutSection connection={connection} dataDir={dataDir} />
    </div>
  );
}
