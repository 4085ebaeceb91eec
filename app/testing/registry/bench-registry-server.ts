// A test registry and a plain file server in a process of their own, serving one big file, for the pull
// benchmark: the servers must not share the event loop of the engine being measured.
// Usage: node --import tsx bench-registry-server.ts <file>; prints one JSON line, exits when stdin closes.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { MEDIA_TYPES } from "../../store/manifest.js";
import { blobFromFile } from "./registry-blobs.js";
import { TestRegistry } from "./test-registry.js";

const file = process.argv[2];
if (!file) throw new Error("usage: bench-registry-server.ts <file>");

const registry = await TestRegistry.start();
const blob = await blobFromFile(file);
registry.publish("bench/blob:latest", [{ ...blob, mediaType: MEDIA_TYPES.model }]);

const size = (await stat(file)).size;
const plain = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": size });
  createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(res);
});
await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));

process.stdout.write(
  `${JSON.stringify({ registry: registry.host, plain: `http://127.0.0.1:${(plain.address() as AddressInfo).port}/blob`, digest: blob.digest, size })}\n`,
);
process.stdin.resume();
process.stdin.on("end", () => {
  plain.close();
  plain.closeAllConnections();
  void registry.close().then(() => process.exit(0));
});
