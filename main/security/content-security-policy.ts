/**
 * The page may run only its own scripts and talk only to its own origin and the engine: a model's answer
 * rendered as Markdown must never be able to load or send anything elsewhere.
 * Inline styles stay allowed because React sets style attributes; inline scripts and eval do not.
 */
export function contentSecurityPolicy(engineUrl: string): string {
  const engineOrigin = new URL(engineUrl).origin;
  return [
    "default-src 'self'",
    `connect-src 'self' ${engineOrigin}`,
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // Images the user attaches to a chat are shown from data: and blob: URLs.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Response headers with the policy set, replacing any the server sent under any spelling. */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== "content-security-policy");
  return { ...Object.fromEntries(kept), "Content-Security-Policy": [policy] };
}
