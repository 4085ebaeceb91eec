import { canonicalName, parseModelName, shortName } from "../../names/model-name.js";
import { connect } from "../connect.js";
import { shortDigest, TransferProgress } from "../progress/transfer-progress.js";

const isOllamaHost = (host: string) => host.endsWith(".ollama.ai") || host.endsWith(".ollama.com");

/** `paddock push MODEL [--insecure]` */
export async function pushCommand(model: string, flags: { insecure?: boolean }): Promise<void> {
  const client = await connect();
  const progress = new TransferProgress({ barLabel: (update) => update.status || `pushing ${shortDigest(update.digest)}...` });
  try {
    await client.push({ model, ...(flags.insecure ? { insecure: true } : {}) }, progress.handle);
  } catch (error) {
    const text = error instanceof Error ? error.message.toLowerCase() : "";
    if (text.includes("access denied") || text.includes("unauthorized")) {
      throw new Error("you are not authorized to push to this namespace, create the model under a namespace you own");
    }
    throw error;
  } finally {
    progress.stop();
  }

  const name = parseModelName(model);
  let destination = name ? canonicalName(name) : model;
  if (name && isOllamaHost(name.host)) destination = `https://ollama.com/${shortName(name).replace(/:latest$/, "")}`;
  process.stdout.write(`\nYou can find your model at:\n\n\t${destination}\n`);
}
