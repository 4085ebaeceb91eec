import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { Engine } from "../engine/engine.js";
import type { Settings } from "../settings/settings.js";
import { createHttpApp } from "./http-app.js";

export interface RunningServer {
  engine: Engine;
  server: Server;
  /** http://host:port as actually bound (port 0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

/** Starts the engine and its HTTP API on the configured address. */
export async function startServer(settings: Settings, log: (line: string) => void = () => {}): Promise<RunningServer> {
  const engine = new Engine(settings, log);
  await engine.start();
  const app = createHttpApp(engine);
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port }, () => resolve(started as Server));
    started.once("error", reject);
  });
  server.requestTimeout = 0;
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    engine,
    server,
    url: `http://${host}:${address.port}`,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await engine.stop();
        await closed;
      })();
      return closing;
    },
  };
}
