import { randomBytes } from "node:crypto";
import { registryUserAgent } from "./user-agent.js";

export interface RegistryChallenge {
  realm: string;
  service: string;
  scope: string;
}

/** One key of `Bearer realm="…",service="…",scope="…"`; quoted values may hold commas, unquoted ones end at a comma. */
function challengeValue(header: string, key: string): string {
  const match = new RegExp(`(?:^|[\\s,])${key}=`, "i").exec(header);
  if (!match) return "";
  const start = match.index + match[0].length;
  if (header[start] !== '"') {
    const end = header.indexOf(",", start);
    return header.slice(start, end < 0 ? undefined : end).trim();
  }
  // Like Ollama, a quote only ends the value when a comma or the end follows it.
  let end = start + 1;
  while (end < header.length && !(header[end] === '"' && (end + 1 === header.length || header[end + 1] === ","))) end++;
  return header.slice(start + 1, end);
}

export function parseChallenge(header: string): RegistryChallenge {
  const params = header.replace(/^\s*Bearer\s+/i, "");
  return { realm: challengeValue(params, "realm"), service: challengeValue(params, "service"), scope: challengeValue(params, "scope") };
}

/** The token request: realm plus service, each space-separated scope, a timestamp and a nonce (server/auth.go). */
export function tokenRequestUrl(challenge: RegistryChallenge): URL {
  let url: URL;
  try {
    url = new URL(challenge.realm);
  } catch {
    throw new Error(`parse "${challenge.realm}": invalid URI for request`);
  }
  url.searchParams.append("service", challenge.service);
  for (const scope of challenge.scope.split(" ")) url.searchParams.append("scope", scope);
  url.searchParams.append("ts", String(Math.floor(Date.now() / 1000)));
  url.searchParams.append("nonce", randomBytes(16).toString("base64url"));
  return url;
}

/**
 * Asks the realm for a bearer token. The realm must live on the host the request went to, so a registry
 * cannot send us elsewhere with a token. Ollama signs this request with its ed25519 key; Paddock has no
 * such key and sends none, which public registries accept (private ones answer with their 401 body).
 */
export async function fetchToken(challenge: RegistryChallenge, requestHost: string, signal?: AbortSignal): Promise<string> {
  const url = tokenRequestUrl(challenge);
  if (url.host !== requestHost) {
    throw new Error(`realm host ${JSON.stringify(url.host)} does not match original host ${JSON.stringify(requestHost)}`);
  }
  const response = await fetch(url, { headers: { "user-agent": registryUserAgent() }, signal });
  const body = await response.text();
  if (response.status >= 400) throw new Error(body ? `${response.status}: ${body}` : String(response.status));
  const parsed = JSON.parse(body) as { token?: unknown };
  return typeof parsed.token === "string" ? parsed.token : "";
}
