import { once } from "node:events";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { blobSlice, type RegistryBlob } from "./registry-blobs.js";

/** How the byte server misbehaves; counters are used up one request at a time. */
export interface ByteModes {
  /** Bytes per second for every byte response; 0 sends as fast as the socket takes them. */
  throttleBytesPerSecond: number;
  /** The next N byte responses send `faultAfterBytes` and then reset the connection. */
  resets: number;
  /** The next N byte responses send `faultAfterBytes` and then go silent with the connection open. */
  stalls: number;
  faultAfterBytes: number;
  /** Every byte response has one byte flipped (in the middle of the blob). */
  corrupt: boolean;
  /** When set, faults and corruption only touch this digest; other blobs are served cleanly. */
  only?: string;
}

export function defaultByteModes(): ByteModes {
  return { throttleBytesPerSecond: 0, resets: 0, stalls: 0, faultAfterBytes: 1024, corrupt: false };
}

/** `bytes=a-b` or `bytes=a-` within the blob; undefined when absent; "invalid" when unsatisfiable. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | "invalid" | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (!match) return "invalid";
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start > end || start >= size) return "invalid";
  return { start, end };
}

async function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off("drain", done);
        res.off("close", done);
        resolve();
      };
      res.on("drain", done);
      res.on("close", done);
    });
  }
  return !res.destroyed;
}

/**
 * Answers a blob GET: 206 with the asked slice (or 200 with everything), slowed, cut off, stalled or
 * corrupted as the modes say. Returns the status sent.
 */
export async function serveBytes(req: IncomingMessage, res: ServerResponse, blob: RegistryBlob, modes: ByteModes): Promise<number> {
  const range = parseRange(req.headers.range, blob.size);
  if (range === "invalid") {
    res.writeHead(416, { "content-range": `bytes */${blob.size}` }).end();
    return 416;
  }
  const { start, end } = range ?? { start: 0, end: blob.size - 1 };
  const status = range ? 206 : 200;
  const headers: Record<string, string | number> = { "content-type": "application/octet-stream", "content-length": end - start + 1, "accept-ranges": "bytes" };
  if (range) headers["content-range"] = `bytes ${start}-${end}/${blob.size}`;
  res.writeHead(status, headers);
  if (req.method === "HEAD") {
    res.end();
    return status;
  }

  const targeted = modes.only === undefined || modes.only === blob.digest;
  const clean = modes.throttleBytesPerSecond === 0 && !(targeted && (modes.resets > 0 || modes.stalls > 0 || modes.corrupt));
  if (clean && blob.path) {
    // Bytes that need no tampering go out the way the pull benchmark's plain server sends them, so the
    // benchmark compares the pulling client with a plain copy, not this server with a plain one.
    await pipeline(createReadStream(blob.path, { start, end, highWaterMark: 256 * 1024 }), res).catch(() => undefined);
    return status;
  }
  let fault: "reset" | "stall" | undefined;
  if (targeted && modes.resets > 0) {
    modes.resets--;
    fault = "reset";
  } else if (targeted && modes.stalls > 0) {
    modes.stalls--;
    fault = "stall";
  }
  // A fault always leaves the response short, so the client sees it.
  const faultAt = fault ? Math.min(modes.faultAfterBytes, end - start) : Infinity;
  const corruptAt = modes.corrupt && targeted ? Math.floor(blob.size / 2) : -1;
  const started = Date.now();
  let sent = 0;
  for await (let chunk of blobSlice(blob, start, end)) {
    if (sent + chunk.length > faultAt) chunk = chunk.subarray(0, faultAt - sent);
    const chunkStart = start + sent;
    if (corruptAt >= chunkStart && corruptAt < chunkStart + chunk.length) {
      chunk = Buffer.from(chunk);
      chunk[corruptAt - chunkStart] ^= 0xff;
    }
    const rate = modes.throttleBytesPerSecond;
    const pieceSize = rate > 0 ? Math.max(1, Math.floor(rate / 20)) : chunk.length;
    for (let offset = 0; offset < chunk.length; offset += pieceSize) {
      const piece = chunk.subarray(offset, offset + pieceSize);
      if (!(await write(res, piece))) return status;
      sent += piece.length;
      if (rate > 0) {
        const due = started + (sent * 1000) / rate;
        if (due > Date.now()) await delay(due - Date.now());
      }
    }
    if (sent >= faultAt) break;
  }
  if (fault === "reset") {
    // Let the bytes already written leave before the reset, so the client keeps some progress.
    await delay(20);
    res.socket?.resetAndDestroy();
    return status;
  }
  if (fault === "stall") {
    if (!res.destroyed) await once(res, "close");
    return status;
  }
  res.end();
  return status;
}
