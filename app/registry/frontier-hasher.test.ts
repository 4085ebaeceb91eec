import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFrontierHasher } from "./frontier-hasher.js";

test("the frontier hasher gives the file's SHA-256 whether it hashes on a worker while bytes land or at the end", async () => {
  const dir = await mkdtemp(join(tmpdir(), "paddock-hasher-"));
  try {
    for (const size of [0, 1234, 40 * 1024 * 1024 + 17]) {
      const path = join(dir, `blob-${size}`);
      const data = Buffer.alloc(size);
      for (let offset = 0; offset < size; offset += 1024 * 1024) randomBytes(Math.min(1024 * 1024, size - offset)).copy(data, offset);
      const handle = await open(path, "w");
      await handle.truncate(size);
      const hasher = createFrontierHasher(path, size);
      // Bytes land in order, a few megabytes at a time, and the frontier follows them.
      for (let offset = 0; offset < size; offset += 3 * 1024 * 1024) {
        const end = Math.min(size, offset + 3 * 1024 * 1024);
        await handle.write(data, offset, end - offset, offset);
        hasher.advance(end);
      }
      await handle.close();
      assert.equal(await hasher.finish(size), `sha256:${createHash("sha256").update(data).digest("hex")}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
