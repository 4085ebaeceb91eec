import { randomBytes } from "node:crypto";
import { open, rename, rm, mkdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * A temp name beside the target that can never be read as a model or blob: it starts with a dot,
 * which neither a tag nor a digest may do, so listings skip it while it is being written.
 */
export function tempPathBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Writes the whole file under a temp name, flushes it to disk, then renames it into place. */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathBeside(target);
  const handle = await open(temp, "w", 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
