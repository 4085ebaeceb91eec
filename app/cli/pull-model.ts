import type { EngineClient } from "./engine-client.js";
import { shortDigest, TransferProgress } from "./progress/transfer-progress.js";

/** Pulls a model with Ollama's progress display: a bar per layer, with size, speed and time left. */
export async function pullModel(client: EngineClient, model: string, insecure = false): Promise<void> {
  const progress = new TransferProgress({ barLabel: (update) => `pulling ${shortDigest(update.digest)}:`, skipUnstarted: true });
  try {
    await client.pull({ model, ...(insecure ? { insecure } : {}) }, progress.handle);
  } finally {
    progress.stop();
  }
}
