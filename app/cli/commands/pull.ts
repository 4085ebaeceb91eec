import { connect } from "../connect.js";
import { pullModel } from "../pull-model.js";

/**
 * `paddock pull MODEL [--insecure]`. Running it again after an interruption
 * resumes: the engine keeps the parts it already has.
 */
export async function pullCommand(model: string, flags: { insecure?: boolean }): Promise<void> {
  await pullModel(await connect(), model, flags.insecure === true);
}
