import { Hono, type Context } from "hono";
import type { Engine } from "../engine/engine.js";
import { statusOf } from "./error-status.js";
import { errorResponse } from "./responses.js";
import { allowedOrigins } from "../settings/settings.js";
import { apiKeyGuard } from "./guards/api-key.js";
import { corsGuard } from "./guards/cors.js";
import { hostGuard } from "./guards/host-guard.js";
import { headBlob, uploadBlob } from "./routes/blob-routes.js";
import { chat } from "./routes/chat-route.js";
import {
  appendMessage,
  createConversation,
  deleteConversation,
  getConversation,
  listConversations,
  listMessages,
  truncateMessages,
  updateConversation,
  updateMessage,
} from "./routes/conversation-routes.js";
import { create } from "./routes/create-route.js";
import { discardDownloads, listDownloads } from "./routes/downloads-routes.js";
import { embed, embeddings } from "./routes/embed-routes.js";
import { generate } from "./routes/generate-route.js";
import { pull } from "./routes/pull-route.js";
import { push } from "./routes/push-route.js";
import { copyModel, deleteModel, listTags } from "./routes/model-routes.js";
import { getPaddockSettings, updatePaddockSettings } from "./routes/paddock-settings-routes.js";
import { showModel } from "./routes/show-route.js";
import { defaultUiDir, uiHandler } from "./routes/ui-route.js";
import { listRunning, root, version } from "./routes/status-routes.js";
import { chatCompletions } from "../openai/chat-completions-route.js";
import { completions } from "../openai/completions-route.js";
import { embeddings as openAiEmbeddings } from "../openai/embeddings-route.js";
import { listModels, retrieveModel } from "../openai/models-route.js";
import { messages } from "../openai/anthropic/messages-route.js";

type Handler = (engine: Engine, c: Context) => Response | Promise<Response>;
type Method = "GET" | "HEAD" | "POST" | "PATCH" | "DELETE";

/** Every route of the API in one table, as Ollama's GenerateRoutes registers them. */
const ROUTES: ReadonlyArray<readonly [Method[], string, Handler]> = [
  [["GET", "HEAD"], "/", root],
  [["GET", "HEAD"], "/api/version", version],
  [["POST"], "/api/generate", generate],
  [["POST"], "/api/chat", chat],
  [["POST"], "/api/embed", embed],
  [["POST"], "/api/embeddings", embeddings],
  [["GET", "HEAD"], "/api/tags", listTags],
  [["POST"], "/api/show", showModel],
  [["POST"], "/api/copy", copyModel],
  [["DELETE"], "/api/delete", deleteModel],
  [["POST"], "/api/create", create],
  [["POST"], "/api/pull", pull],
  [["POST"], "/api/push", push],
  [["GET"], "/api/downloads", listDownloads],
  [["DELETE"], "/api/downloads", discardDownloads],
  [["HEAD"], "/api/blobs/:digest", headBlob],
  [["POST"], "/api/blobs/:digest", uploadBlob],
  [["GET"], "/api/ps", listRunning],
  // Paddock-only: chat history and UI-edited settings, under a prefix Ollama does not use.
  [["GET"], "/api/paddock/conversations", listConversations],
  [["POST"], "/api/paddock/conversations", createConversation],
  [["GET"], "/api/paddock/conversations/:id", getConversation],
  [["PATCH"], "/api/paddock/conversations/:id", updateConversation],
  [["DELETE"], "/api/paddock/conversations/:id", deleteConversation],
  [["GET"], "/api/paddock/conversations/:id/messages", listMessages],
  [["POST"], "/api/paddock/conversations/:id/messages", appendMessage],
  [["PATCH"], "/api/paddock/conversations/:id/messages/:message", updateMessage],
  [["DELETE"], "/api/paddock/conversations/:id/messages/:message", truncateMessages],
  [["GET"], "/api/paddock/settings", getPaddockSettings],
  [["PATCH"], "/api/paddock/settings", updatePaddockSettings],
  [["POST"], "/v1/chat/completions", chatCompletions],
  [["POST"], "/v1/completions", completions],
  [["POST"], "/v1/embeddings", openAiEmbeddings],
  [["GET"], "/v1/models", listModels],
  [["GET"], "/v1/models/:model", retrieveModel],
  [["POST"], "/v1/messages", messages],
];

function pathPattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/:[a-z]+/g, "[^/]+")}$`);
}

function methodNotAllowed(): Response {
  return new Response("405 method not allowed", { status: 405, headers: { "content-type": "text/plain" } });
}

/** 405 for a known path with another method, a redirect for a trailing slash, else 404 (gin's defaults). */
function unmatched(c: Context): Response {
  const path = c.req.path;
  if (ROUTES.some(([, route]) => pathPattern(route).test(path))) return methodNotAllowed();
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed !== path && ROUTES.some(([methods, route]) => pathPattern(route).test(trimmed) && methods.includes(c.req.method as Method))) {
    const url = new URL(c.req.url);
    url.pathname = trimmed;
    return new Response(null, { status: c.req.method === "GET" ? 301 : 307, headers: { location: url.pathname + url.search } });
  }
  return new Response("404 page not found", { status: 404, headers: { "content-type": "text/plain" } });
}

export function createHttpApp(engine: Engine): Hono {
  const app = new Hono();
  // CORS runs first, then the Host check, as in Ollama; the API key (a Paddock addition) last.
  app.use(corsGuard(allowedOrigins(engine.settings)));
  app.use(hostGuard(engine.settings.host));
  app.use(apiKeyGuard(engine.settings.apiKey));
  for (const [methods, path, handler] of ROUTES) {
    const withoutHead = methods.filter((method) => method !== "HEAD");
    if (withoutHead.length > 0) app.on(withoutHead, path, (c) => handler(engine, c));
    // Hono answers HEAD through the GET route; a HEAD-only route must still refuse a real GET.
    if (methods.includes("HEAD") && !methods.includes("GET")) {
      app.get(path, (c) => (c.req.raw.method === "HEAD" ? handler(engine, c) : methodNotAllowed()));
    }
  }
  const serveUi = uiHandler(engine.settings.uiDir ?? defaultUiDir());
  app.on(["GET", "HEAD"], "/app", (c) => c.redirect("/app/", 301));
  app.on(["GET", "HEAD"], "/app/*", serveUi);
  app.notFound(unmatched);
  app.onError((error, c) => {
    const { status, message } = statusOf(engine, c, error);
    return errorResponse(status, message);
  });
  return app;
}
