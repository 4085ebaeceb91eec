import os from "node:os";
import path from "node:path";

/**
 * Where Paddock keeps its own data (the history and settings database): PADDOCK_DATA, else ~/.paddock.
 * Deliberately not derived from the models folder, which may be an Ollama folder that Paddock only borrows.
 */
export function paddockDataDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const configured = env.PADDOCK_DATA?.trim();
  return configured ? path.resolve(configured) : path.join(home, ".paddock");
}

/** The SQLite file holding conversations and UI-editable settings. */
export function historyDbPath(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return path.join(paddockDataDir(env, home), "paddock.db");
}
