import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The engine keeps its database in PADDOCK_DATA (else ~/.paddock) and reads it from process.env, not from its
// settings. Tests that reach /api/paddock/ import this first, so they never touch the user's real data.
const dataDir = mkdtempSync(join(tmpdir(), "paddock-test-data-"));
process.env.PADDOCK_DATA = dataDir;
process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));
