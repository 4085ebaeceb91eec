import { PADDOCK_VERSION as CLIENT_VERSION } from "../../engine/version.js";
import { EngineClient } from "../engine-client.js";

/** `paddock --version`: the engine's version, and the client's when they differ or no engine answers. */
export async function versionCommand(): Promise<void> {
  let engineVersion = "";
  try {
    engineVersion = await EngineClient.fromEnvironment().version();
  } catch {
    process.stdout.write("Warning: could not connect to a running Paddock instance\n");
  }
  if (engineVersion) process.stdout.write(`paddock version is ${engineVersion}\n`);
  if (engineVersion !== CLIENT_VERSION) process.stdout.write(`Warning: client version is ${CLIENT_VERSION}\n`);
}
