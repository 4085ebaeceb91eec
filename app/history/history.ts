import { existsSync } from "node:fs";
import { ConversationStore } from "./conversation-store.js";
import { historyDbPath } from "./data-dir.js";
import { storedEngineSettings, storedSettingsEnv } from "./engine-settings.js";
import { openHistoryDb, type Db } from "./history-db.js";
import { SettingsStore } from "./settings-store.js";

/**
 * The engine's own database: conversations and UI-editable settings, shared by every window and tab.
 * The file is opened on first use, so an engine that never serves the UI never creates it.
 */
export class History {
  private db: Db | undefined;
  private conversationStore: ConversationStore | undefined;
  private settingsStore: SettingsStore | undefined;

  constructor(readonly file: string = historyDbPath()) {}

  private open(): Db {
    if (!this.db) {
      this.db = openHistoryDb(this.file);
      this.conversationStore = new ConversationStore(this.db);
      this.settingsStore = new SettingsStore(this.db);
    }
    return this.db;
  }

  get conversations(): ConversationStore {
    this.open();
    return this.conversationStore!;
  }

  get settings(): SettingsStore {
    this.open();
    return this.settingsStore!;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.conversationStore = undefined;
    this.settingsStore = undefined;
  }
}

/**
 * The environment to start the engine with: `env` plus the settings stored from the UI (see
 * engine-settings.ts). Reads the database only when it exists and never creates it.
 * Usage: `readSettings(withStoredSettings(process.env))` in `paddock serve` and the Electron main.
 */
export function withStoredSettings(env: NodeJS.ProcessEnv = process.env, file = historyDbPath(env)): NodeJS.ProcessEnv {
  if (!existsSync(file)) return env;
  let db: Db | undefined;
  try {
    db = openHistoryDb(file);
    return storedSettingsEnv(storedEngineSettings(new SettingsStore(db).all()), env);
  } catch {
    return env;
  } finally {
    db?.close();
  }
}
