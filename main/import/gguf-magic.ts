import { open } from "node:fs/promises";

/** Whether a file starts with the GGUF magic, checked before hashing gigabytes of something else. */
export async function hasGgufMagic(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const magic = Buffer.alloc(4);
    const { bytesRead } = await file.read(magic, 0, 4, 0);
    return bytesRead === 4 && magic.toString("latin1") === "GGUF";
  } finally {
    await file.close();
  }
}
