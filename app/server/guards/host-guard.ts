import { hostname, networkInterfaces } from "node:os";
import { isIP } from "node:net";
import type { MiddlewareHandler } from "hono";

function isLoopbackAddress(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address === "localhost";
}

function isPrivateOrLocalIp(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split(".").map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || ip === "0.0.0.0";
  }
  const lower = ip.toLowerCase();
  if (lower === "::1" || lower === "::") return true;
  if (/^f[cd]/.test(lower)) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateOrLocalIp(mapped[1]);
  return false;
}

function localInterfaceAddresses(): Set<string> {
  const found = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) found.add(entry.address.toLowerCase());
  }
  return found;
}

/** The host part of a Host header: brackets and port removed; a value without a port is taken whole. */
export function hostOnly(header: string): string {
  if (header.startsWith("[")) {
    const end = header.indexOf("]");
    return end === -1 ? header : header.slice(1, end);
  }
  const colons = header.split(":").length - 1;
  return colons === 1 ? header.slice(0, header.indexOf(":")) : header;
}

/** Whether a Host header names this machine: the names and addresses Ollama accepts. */
export function isLocalHostHeader(header: string): { allowed: boolean; isName: boolean } {
  const host = hostOnly(header).toLowerCase();
  if (host === "") return { allowed: true, isName: true };
  if (isIP(host)) return { allowed: isPrivateOrLocalIp(host) || localInterfaceAddresses().has(host), isName: false };
  const allowed =
    host === "localhost" ||
    host === hostname().toLowerCase() ||
    host.endsWith(".localhost") ||
    host.endsWith(".local") ||
    host.endsWith(".internal");
  return { allowed, isName: true };
}

/**
 * DNS-rebinding protection: on a loopback bind, a request must name this machine in its Host header.
 * Any other bind address serves every Host, as Ollama does.
 */
export function hostGuard(bindHost: string): MiddlewareHandler {
  if (!isLoopbackAddress(bindHost)) return (_c, next) => next();
  return async (c, next) => {
    const { allowed, isName } = isLocalHostHeader(c.req.header("host") ?? "");
    if (!allowed) return new Response(null, { status: 403 });
    if (isName && c.req.method === "OPTIONS") return new Response(null, { status: 204 });
    return next();
  };
}
