import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/** Each entry moves the schema one version up; PRAGMA user_version records how far a file has gone. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL DEFAULT '',
     model TEXT NOT NULL DEFAULT '',
     system TEXT NOT NULL DEFAULT '',
     options TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX conversations_updated ON conversations (updated_at DESC);
   CREATE TABLE messages (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     role TEXT NOT NULL,
     content TEXT NOT NULL,
     thinking TEXT,
     model TEXT,
     metrics TEXT,
     created_at INTEGER NOT NULL,
     UNIQUE (conversation_id, position)
   );
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
];

/** Opens (creating when asked) the database and brings its schema up to date. */
export function openHistoryDb(file: string, { readonly = false } = {}): Db {
  if (!readonly && file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly, fileMustExist: readonly });
  if (readonly) return db;
  // WAL lets several engines (or a CLI) read while one writes; a busy writer is waited for, not failed.
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new Error(`${file} was written by a newer Paddock (schema ${version}, this one knows ${MIGRATIONS.length})`);
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
  return db;
}
