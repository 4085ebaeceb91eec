import type { Db } from "./history-db.js";

/** A key-value table of JSON values: the settings a user edits in the UI. */
export class SettingsStore {
  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {}

  all(): Record<string, unknown> {
    const rows = this.db.prepare(`SELECT key, value FROM settings ORDER BY key`).all() as Array<{ key: string; value: string }>;
    const values: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        values[row.key] = JSON.parse(row.value);
      } catch {
        // A value this version cannot read is left out rather than failing every read.
      }
    }
    return values;
  }

  /** Sets each key; undefined leaves a key alone and null removes it (back to the default). */
  patch(changes: Record<string, unknown>): void {
    const upsert = this.db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    const remove = this.db.prepare(`DELETE FROM settings WHERE key = ?`);
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (value === null) remove.run(key);
        else upsert.run(key, JSON.stringify(value), this.now());
      }
    })();
  }
}
