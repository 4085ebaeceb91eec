import { sleep } from "./abortable-sleep.js";
import type { RegistryClient } from "./registry-client.js";
import { isCancellation, RegistryNotFoundError } from "./transfer-errors.js";

const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Asks the registry where a blob's bytes live. Redirects on the registry's own host are followed; the first
 * redirect to another host is where the bytes are (a 307 from Ollama's registry and from Hugging Face).
 * A plain 200 means the registry serves the bytes itself, so the blob URL is used as is (upstream fails
 * there with "no Location header"; simple registries do answer that way).
 */
async function resolveOnce(client: RegistryClient, blobUrl: URL): Promise<URL> {
  let current = blobUrl;
  for (let redirects = 0; redirects <= MAX_REDIRECTS; redirects++) {
    const response = await client.request({ method: "GET", url: current, redirect: "manual" });
    await response.body?.cancel().catch(() => {});
    const location = response.headers.get("location");
    if (REDIRECT_STATUSES.has(response.status) && location) {
      const next = new URL(location, current);
      if (next.hostname !== blobUrl.hostname) return next;
      current = next;
      continue;
    }
    if (response.status === 200) return current;
    throw new Error(`unexpected status code ${response.status}`);
  }
  throw new Error(`maximum redirects exceeded (${MAX_REDIRECTS}) for directURL`);
}

/** Retries transient failures with Ollama's n²·10 ms jittered backoff (at most 10 s) until the deadline. */
export async function resolveDirectUrl(client: RegistryClient, blobUrl: URL, timeoutMs: number, signal: AbortSignal): Promise<URL> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await resolveOnce(client, blobUrl);
    } catch (error) {
      if (isCancellation(error) || signal.aborted || error instanceof RegistryNotFoundError) throw error;
      if (error instanceof Error && error.message.startsWith("unexpected status code")) throw error;
      const delay = Math.min(attempt * attempt * 10, 10_000) * (Math.random() + 0.5);
      if (Date.now() + delay > deadline) throw error;
      await sleep(delay, signal);
    }
  }
}
