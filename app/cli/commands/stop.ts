import { connect } from "../connect.js";
import { loadOrUnloadModel } from "../unload-model.js";

/** `paddock stop MODEL`: unloads it now (keep-alive 0). */
export async function stopCommand(model: string): Promise<void> {
  const client = await connect();
  try {
    await loadOrUnloadModel(client, { model, keepAlive: "0s" });
  } catch (error) {
    if (error instanceof Error && error.message.includes("not found")) throw new Error(`couldn't find model "${model}" to stop`);
    throw error;
  }
}
