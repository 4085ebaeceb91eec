import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** The sha256 digest of a file as the engine names blobs ("sha256:<hex>"), reporting bytes read as it goes. */
export async function fileDigest(path: string, onBytes: (completed: number) => void = () => {}): Promise<string> {
  const hash = createHash("sha256");
  let completed = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    completed += (chunk as Buffer).length;
    onBytes(completed);
  }
  return `sha256:${hash.digest("hex")}`;
}
