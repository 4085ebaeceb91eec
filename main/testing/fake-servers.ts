// Small HTTP servers for tests that need something other than Paddock's engine on a port.

import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

export async function listen(handler: RequestListener): Promise<FakeServer & { server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers like Ollama: the greeting, a version, and 404 for Paddock's own endpoints. */
export function fakeOllama(version = "0.12.3"): Promise<FakeServer> {
  return listen((request, reply) => {
    if (request.url === "/") return void reply.end("Ollama is running");
    if (request.url === "/api/version") return void reply.setHeader("content-type", "application/json").end(JSON.stringify({ version }));
    reply.statusCode = 404;
    reply.end("404 page not found");
  });
}

/** A port that is free right now (nothing listens on it). */
export async function freePort(): Promise<number> {
  const probe = await listen(() => {});
  const port = Number(new URL(probe.url).port);
  await probe.close();
  return port;
}
