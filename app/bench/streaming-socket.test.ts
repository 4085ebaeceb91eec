import assert from "node:assert/strict";
import type { Socket } from "node:net";
import { test } from "node:test";
import { startTestEngine } from "../testing/test-engine.js";

// Issue 9: no Nagle delay on streaming sockets. Node's HTTP server turns TCP_NODELAY on for every
// connection it accepts (http.createServer's noDelay, default true); this guards that the engine's server
// keeps it so, since a streamed token written behind an unacknowledged one would otherwise wait up to 40 ms.
test("the engine's sockets have Nagle's algorithm off", async () => {
  const engine = await startTestEngine();
  try {
    const sockets: Socket[] = [];
    engine.server.on("connection", (socket: Socket) => sockets.push(socket));
    const reply = await fetch(`${engine.url}/api/version`);
    await reply.text();
    assert.equal(sockets.length > 0, true);
    for (const socket of sockets) {
      const flag = Object.getOwnPropertySymbols(socket).find((symbol) => String(symbol) === "Symbol(kSetNoDelay)");
      assert.ok(flag, "Node keeps the socket's no-delay state under Symbol(kSetNoDelay)");
      assert.equal((socket as unknown as Record<symbol, unknown>)[flag], true);
    }
  } finally {
    await engine.close();
  }
});
