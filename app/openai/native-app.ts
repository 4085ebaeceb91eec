import { Hono, type Context } from "hono";
import type { Engine } from "../engine/engine.js";
import { chat } from "../server/routes/chat-route.js";
import { embed } from "../server/routes/embed-routes.js";
import { generate } from "../server/routes/generate-route.js";
import { listTags } from "../server/routes/model-routes.js";
import { showModel } from "../server/routes/show-route.js";

export type NativeRoute = "/api/chat" | "/api/generate" | "/api/embed" | "/api/show" | "/api/tags";

const apps = new WeakMap<Engine, Hono>();

/**
 * The native handlers the compatibility routes adapt, mounted on an app of their own. The outer app has
 * already run the CORS, Host and API-key guards for the original request, so none run here; errors are
 * rethrown so the adapter sees Ollama's typed errors and answers them in its own envelope.
 */
function nativeApp(engine: Engine): Hono {
  let app = apps.get(engine);
  if (!app) {
    app = new Hono();
    app.post("/api/chat", (c) => chat(engine, c));
    app.post("/api/generate", (c) => generate(engine, c));
    app.post("/api/embed", (c) => embed(engine, c));
    app.post("/api/show", (c) => showModel(engine, c));
    app.get("/api/tags", () => listTags(engine));
    app.onError((error) => {
      throw error;
    });
    apps.set(engine, app);
  }
  return app;
}

/**
 * Runs a native route in-process with a synthesized request. It carries the original request's
 * AbortSignal, so a client that goes away cancels the native work exactly as on /api/*.
 */
export async function callNative(engine: Engine, c: Context, route: NativeRoute, body?: unknown): Promise<Response> {
  const url = new URL(route, c.req.url);
  const init: RequestInit = { method: body === undefined ? "GET" : "POST", signal: c.req.raw.signal };
  if (body !== undefined) init.body = JSON.stringify(body);
  return nativeApp(engine).fetch(new Request(url, init));
}
