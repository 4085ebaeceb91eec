import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/** With PADDOCK_API_KEY set, every request needs `Authorization: Bearer <key>` (for engines exposed to a network). */
export function apiKeyGuard(apiKey: string | undefined): MiddlewareHandler {
  if (!apiKey) return (_c, next) => next();
  const expected = Buffer.from(`Bearer ${apiKey}`);
  return async (c, next) => {
    const given = Buffer.from(c.req.header("authorization") ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return new Response(JSON.stringify({ error: "unauthorized" }), {
        status: 401,
        headers: { "content-type": "application/json; charset=utf-8", "www-authenticate": "Bearer" },
      });
    }
    return next();
  };
}
