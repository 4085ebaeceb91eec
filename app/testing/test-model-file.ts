import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeTestModel, type TestModelOptions } from "../gguf/test-model.js";

const cached = new Map<string, Promise<string>>();

/**
 * The project's own tiny llama GGUF, written on first use into a temp folder (never into the repo), so
 * tests need no downloaded model. Options give variants (an embedding model, a chat template).
 */
export function testModelPath(options: TestModelOptions = {}): Promise<string> {
  const key = JSON.stringify(options);
  let path = cached.get(key);
  if (!path) {
    path = (async () => {
      const dir = join(tmpdir(), "paddock-test-models");
      await mkdir(dir, { recursive: true });
      const file = join(dir, `test-model-${Buffer.from(key).toString("base64url")}.gguf`);
      // Writes are atomic, so a file that exists is complete even if another test process wrote it.
      if (!existsSync(file)) await writeTestModel(file, options);
      return file;
    })();
    cached.set(key, path);
  }
  return path;
}
