// `/show ...` in the interactive chat.

import type { ShowResponse } from "./api-types.js";
import { SHOW_USAGE } from "./chat-help.js";
import { help, say } from "./chat-output.js";
import type { EngineClient } from "./engine-client.js";
import type { RunOptions } from "./run-options.js";
import { renderShowInfo } from "./show-info.js";

/** Go's %v of an option value. */
const plainValue = (value: unknown) => (Array.isArray(value) ? `[${value.join(" ")}]` : String(value));

export async function showPart(client: EngineClient, opts: RunOptions, part: string | undefined): Promise<void> {
  if (part === undefined) {
    help(SHOW_USAGE);
    return;
  }
  let show: ShowResponse;
  try {
    show = await client.show({ model: opts.model, ...(opts.system ? { system: opts.system } : {}), options: opts.options });
  } catch (error) {
    say("error: couldn't get model");
    throw error;
  }
  switch (part) {
    case "info":
      process.stderr.write(renderShowInfo(show, false));
      return;
    case "license":
      say(show.license ? show.license : "No license was specified for this model.");
      return;
    case "modelfile":
      say(show.modelfile ?? "");
      return;
    case "parameters":
      say("Model defined parameters:");
      if (!show.parameters) say("  No additional parameters were specified for this model.");
      else for (const line of show.parameters.split("\n")) say(`  ${line}`);
      say("");
      if (Object.keys(opts.options).length > 0) {
        say("User defined parameters:");
        for (const [key, value] of Object.entries(opts.options)) say(`  ${key.padEnd(30)} ${plainValue(value)}`);
        say("");
      }
      return;
    case "system":
      if (opts.system) say(`${opts.system}\n`);
      else if (show.system) say(`${show.system}\n`);
      else say("No system message was specified for this model.");
      return;
    case "template":
      say(show.template ? show.template : "No prompt template was specified for this model.");
      return;
    default:
      say(`Unknown command '/show ${part}'. Type /? for help`);
  }
}
