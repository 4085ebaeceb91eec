// What already answers at the engine's address. Ollama and Paddock both say "Ollama is running" at GET / and
// give a version at GET /api/version; only Paddock has its own /api/paddock/ endpoints.

export type ExistingServer =
  | { kind: "none" }
  | { kind: "ollama" | "paddock"; version: string }
  /** The port is taken by something that is not an Ollama-compatible server. */
  | { kind: "other"; detail: string };

const ROOT_GREETING = "Ollama is running";

function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return cause?.code === "ECONNREFUSED";
}

async function get(url: string, timeoutMs: number): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
}

export async function detectExistingServer(baseUrl: string, timeoutMs = 2000): Promise<ExistingServer> {
  let root: Response;
  try {
    root = await get(`${baseUrl}/`, timeoutMs);
  } catch (error) {
    if (isConnectionRefused(error)) return { kind: "none" };
    return { kind: "other", detail: error instanceof Error && error.name === "TimeoutError" ? "it does not answer" : String(error) };
  }
  const greeting = (await root.text()).trim();
  if (!root.ok || greeting !== ROOT_GREETING) return { kind: "other", detail: `GET / answered ${root.status}` };
  let version = "unknown";
  try {
    const reply = await get(`${baseUrl}/api/version`, timeoutMs);
    const body = (await reply.json()) as { version?: unknown };
    if (typeof body.version === "string") version = body.version;
  } catch {
    // An old or unusual server without /api/version is still usable.
  }
  return { kind: (await hasPaddockApi(baseUrl, timeoutMs)) ? "paddock" : "ollama", version };
}

async function hasPaddockApi(baseUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const reply = await get(`${baseUrl}/api/paddock/settings`, timeoutMs);
    await reply.body?.cancel();
    return reply.ok;
  } catch {
    return false;
  }
}
