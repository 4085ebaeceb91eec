import { Command, Option } from "commander";
import type { CreateFlags } from "./commands/create.js";
import type { RunFlags } from "./commands/run.js";
import type { ShowFlags } from "./commands/show.js";

// Each command's module is loaded only when that command runs: `serve` pulls in
// the whole engine, which the short client commands should not pay for.

const HOST_HELP = `
Environment Variables:
      PADDOCK_HOST, OLLAMA_HOST     IP Address for the paddock server (default 127.0.0.1:11434)
`;

/** Runs a command; any failure becomes one `Error: <message>` line on stderr and exit status 1. */
function handled<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  };
}

/** Ollama's `--think` takes a value only as `--think=level`; a bare one means true and never eats the prompt. */
function bareThinkMeansTrue(argv: string[]): string[] {
  return argv.map((arg) => (arg === "--think" ? "--think=true" : arg));
}

const program = new Command("paddock")
  .description("Large language model runner, offline, with an Ollama-compatible API")
  .option("-v, --version", "Show version information")
  .enablePositionalOptions()
  .allowExcessArguments(true)
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, "Error: ")) })
  .action(
    handled(async (options: { version?: boolean }, command: Command) => {
      if (command.args.length > 0) program.error(`error: unknown command '${command.args[0]}'`);
      if (options.version) return (await import("./commands/version.js")).versionCommand();
      program.help();
    }),
  );

program
  .command("serve")
  .alias("start")
  .description("Start paddock (the Ollama-compatible engine)")
  .action(async () => (await import("./commands/serve.js")).serveCommand());

program
  .command("create")
  .description("Create a model from a Modelfile")
  .argument("<MODEL>")
  .option("-f, --file <file>", 'Name of the Modelfile (default "Modelfile")')
  .option("-q, --quantize <level>", "Quantize model to this level (e.g. q4_K_M)")
  .option("--draft-quantize <level>", "Quantize draft model to this level")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (model: string, flags: CreateFlags) => (await import("./commands/create.js")).createCommand(model, flags)));

program
  .command("show")
  .description("Show information for a model")
  .argument("<MODEL>")
  .option("--license", "Show license of a model")
  .option("--modelfile", "Show Modelfile of a model")
  .option("--parameters", "Show parameters of a model")
  .option("--template", "Show template of a model")
  .option("--system", "Show system message of a model")
  .option("-v, --verbose", "Show detailed model information")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (model: string, flags: ShowFlags) => (await import("./commands/show.js")).showCommand(model, flags)));

program
  .command("run")
  .description("Run a model")
  .argument("<MODEL>")
  .argument("[PROMPT...]")
  .option("--keepalive <duration>", "Duration to keep a model loaded (e.g. 5m)")
  .option("--verbose", "Show timings for response")
  .option("--insecure", "Use an insecure registry")
  .option("--nowordwrap", "Don't wrap words to the next line automatically")
  .option("--format <format>", "Response format (e.g. json)")
  .option("--think [level]", "Enable thinking mode: true/false or high/medium/low for supported models")
  .option("--hidethinking", "Hide thinking output (if provided)")
  .option("--truncate", "For embedding models: truncate inputs exceeding context length (default: true)")
  .option("--dimensions <n>", "Truncate output embeddings to specified dimension (embedding models only)")
  .addOption(new Option("--interactive", "Chat even when stdin or stdout is not a terminal (for scripts)"))
  .addHelpText("after", HOST_HELP)
  .action(handled(async (model: string, prompt: string[], flags: RunFlags) => (await import("./commands/run.js")).runCommand(model, prompt, flags)));

program
  .command("stop")
  .description("Stop a running model")
  .argument("<MODEL>")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (model: string) => (await import("./commands/stop.js")).stopCommand(model)));

program
  .command("pull")
  .description("Pull a model from a registry")
  .argument("<MODEL>")
  .option("--insecure", "Use an insecure registry")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (model: string, flags: { insecure?: boolean }) => (await import("./commands/pull.js")).pullCommand(model, flags)));

program
  .command("push")
  .description("Push a model to a registry")
  .argument("<MODEL>")
  .option("--insecure", "Use an insecure registry")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (model: string, flags: { insecure?: boolean }) => (await import("./commands/push.js")).pushCommand(model, flags)));

program
  .command("list")
  .alias("ls")
  .description("List models")
  .argument("[PREFIX]")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (prefix?: string) => (await import("./commands/list.js")).listCommand(prefix)));

program
  .command("ps")
  .description("List running models")
  .argument("[PREFIX]")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (prefix?: string) => (await import("./commands/ps.js")).psCommand(prefix)));

program
  .command("cp")
  .description("Copy a model")
  .argument("<SOURCE>")
  .argument("<DESTINATION>")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (source: string, destination: string) => (await import("./commands/cp.js")).cpCommand(source, destination)));

program
  .command("rm")
  .description("Remove a model")
  .argument("<MODEL...>")
  .addHelpText("after", HOST_HELP)
  .action(handled(async (models: string[]) => (await import("./commands/rm.js")).rmCommand(models)));

await program.parseAsync(bareThinkMeansTrue(process.argv));
