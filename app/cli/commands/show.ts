import { connect } from "../connect.js";
import { renderShowInfo } from "../show-info.js";

export interface ShowFlags {
  license?: boolean;
  modelfile?: boolean;
  parameters?: boolean;
  system?: boolean;
  template?: boolean;
  verbose?: boolean;
}

const PARTS = ["license", "modelfile", "parameters", "system", "template"] as const;

/** `paddock show MODEL [--license|--modelfile|--parameters|--system|--template] [-v]` */
export async function showCommand(model: string, flags: ShowFlags): Promise<void> {
  const chosen = PARTS.filter((part) => flags[part]);
  if (chosen.length > 1) throw new Error("only one of '--license', '--modelfile', '--parameters', '--system', or '--template' can be specified");

  const show = await (await connect()).show({ model, ...(flags.verbose ? { verbose: true } : {}) });
  if (show.capabilities?.includes("image")) throw new Error("image generation models are not currently supported");

  switch (chosen[0]) {
    case "license":
    case "modelfile":
    case "parameters":
      process.stdout.write(`${show[chosen[0]] ?? ""}\n`);
      return;
    case "system":
    case "template":
      // Printed as stored, without a line break of its own, as Ollama does.
      process.stdout.write(show[chosen[0]] ?? "");
      return;
    default:
      process.stdout.write(renderShowInfo(show, flags.verbose === true));
  }
}
