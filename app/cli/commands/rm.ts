import { connect } from "../connect.js";
import { EngineUnreachableError } from "../engine-client.js";
import { loadOrUnloadModel } from "../unload-model.js";

/** `paddock rm MODEL...`: unloads each model if it is running, then deletes it. */
export async function rmCommand(models: string[]): Promise<void> {
  const client = await connect();
  for (const model of models) {
    try {
      await loadOrUnloadModel(client, { model, keepAlive: "0s" });
    } catch (error) {
      if (error instanceof EngineUnreachableError) throw error;
      // A model that does not exist fails below with the engine's own message.
      if (!(error instanceof Error && error.message.toLowerCase().includes("not found"))) {
        process.stderr.write(`Warning: unable to stop model '${model}'\n`);
      }
    }
    await client.delete(model);
    process.stdout.write(`deleted '${model}'\n`);
  }
}
