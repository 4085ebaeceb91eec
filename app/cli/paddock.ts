import { Command } from "commander";
import { PADDOCK_VERSION } from "../engine/engine.js";
import { serveCommand } from "./commands/serve.js";

const program = new Command("paddock")
  .description("Run large language models offline, with an Ollama-compatible API")
  .version(PADDOCK_VERSION, "-v, --version");

program.command("serve").description("Start the engine (the Ollama-compatible API)").action(serveCommand);

await program.parseAsync(process.argv);
