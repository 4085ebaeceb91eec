import type { MiddlewareHandler } from "hono";

const ALLOW_METHODS = "GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS";
const ALLOW_HEADERS = [
  "Authorization",
  "Content-Type",
  "User-Agent",
  "Accept",
  "X-Requested-With",
  "Openai-Beta",
  "X-Stainless-Arch",
  "X-Stainless-Async",
  "X-Stainless-Custom-Poll-Interval",
  "X-Stainless-Helper-Method",
  "X-Stainless-Lang",
  "X-Stainless-Os",
  "X-Stainless-Package-Version",
  "X-Stainless-Poll-Helper",
  "X-Stainless-Retry-Count",
  "X-Stainless-Runtime",
  "X-Stainless-Runtime-Version",
  "X-Stainless-Timeout",
].join(",");

/** One allow-list entry: exact, or with a single * standing for any text at that place. */
function originMatcher(entry: string): (origin: string) => boolean {
  const lower = entry.toLowerCase();
  const star = lower.indexOf("*");
  if (star === -1) return (origin) => origin === lower;
  const prefix = lower.slice(0, star);
  const suffix = lower.slice(star + 1);
  return (origin) => origin.length >= prefix.length + suffix.length && origin.startsWith(prefix) && origin.endsWith(suffix);
}

/**
 * CORS as Ollama configures gin-contrib/cors: requests without Origin or from the same host pass; other
 * origins must be on the list or get an empty 403; preflights from allowed origins get 204 at once.
 */
export function corsGuard(origins: readonly string[]): MiddlewareHandler {
  const allowAll = origins.includes("*");
  const matchers = origins.map(originMatcher);
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (origin === undefined) return next();
    const host = c.req.header("host") ?? "";
    if (origin === `http://${host}` || origin === `https://${host}`) return next();
    if (!allowAll && !matchers.some((matches) => matches(origin))) return new Response(null, { status: 403 });
    const allowOrigin = allowAll ? "*" : origin;
    if (c.req.method === "OPTIONS") {
      const headers = new Headers({
        "access-control-allow-origin": allowOrigin,
        "access-control-allow-methods": ALLOW_METHODS,
        "access-control-allow-headers": ALLOW_HEADERS,
        "access-control-max-age": "43200",
      });
      headers.append("vary", "Origin");
      headers.append("vary", "Access-Control-Request-Method");
      headers.append("vary", "Access-Control-Request-Headers");
      return new Response(null, { status: 204, headers });
    }
    await next();
    c.res.headers.set("access-control-allow-origin", allowOrigin);
    c.res.headers.append("vary", "Origin");
  };
}
