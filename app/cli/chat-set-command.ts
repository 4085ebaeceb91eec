// `/set ...` in the interactive chat (all but `/set system`, which can open a """ block).

import { goQuote } from "../options/go-compat/quote.js";
import { PARAMETER_USAGE, SET_USAGE } from "./chat-help.js";
import { help, say } from "./chat-output.js";
import type { EngineClient } from "./engine-client.js";
import type { RunOptions } from "./run-options.js";
import { parseSessionParameter } from "./session-parameter.js";

/** `/set <setting>` other than system; returns true when the think mode changed. */
export function applySetting(opts: RunOptions, args: string[]): boolean {
  const setting = args[1];
  switch (setting) {
    case undefined:
      help(SET_USAGE);
      return false;
    case "history":
    case "nohistory":
      // History lives only as long as the session, so there is nothing to switch.
      return false;
    case "wordwrap":
      opts.wordWrap = true;
      say("Set 'wordwrap' mode.");
      return false;
    case "nowordwrap":
      opts.wordWrap = false;
      say("Set 'nowordwrap' mode.");
      return false;
    case "verbose":
      opts.verbose = true;
      say("Set 'verbose' mode.");
      return false;
    case "quiet":
      opts.verbose = false;
      say("Set 'quiet' mode.");
      return false;
    case "think": {
      const level = args[2];
      opts.think = level ? (level as RunOptions["think"]) : true;
      say(level ? `Set 'think' mode to '${level}'.` : "Set 'think' mode.");
      return true;
    }
    case "nothink":
      opts.think = false;
      say("Set 'nothink' mode.");
      return true;
    case "format":
      if (args[2] !== "json") say("Invalid or missing format. For 'json' mode use '/set format json'");
      else {
        opts.format = "json";
        say("Set format to 'json' mode.");
      }
      return false;
    case "noformat":
      opts.format = "";
      say("Disabled format.");
      return false;
    case "parameter": {
      if (args.length < 4) {
        help(PARAMETER_USAGE);
        return false;
      }
      const key = args[2] as string;
      const values = args.slice(3);
      try {
        opts.options[key] = parseSessionParameter(key, values);
      } catch (error) {
        say(`Couldn't set parameter: ${goQuote(error instanceof Error ? error.message : String(error))}`);
        return false;
      }
      say(`Set parameter '${key}' to '${values.join(", ")}'`);
      return false;
    }
    default:
      say(`Unknown command '/set ${setting}'. Type /? for help`);
      return false;
  }
}

export async function warnIfNoThinking(client: EngineClient, model: string): Promise<void> {
  const info = await client.show({ model }).catch(() => undefined);
  if (info && !info.capabilities?.includes("thinking")) process.stderr.write(`warning: model ${goQuote(model)} does not support thinking output\n`);
}
