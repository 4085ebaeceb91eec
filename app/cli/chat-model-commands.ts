// `/load MODEL` and `/save MODEL` in the interactive chat.

import type { ShowResponse } from "./api-types.js";
import { say } from "./chat-output.js";
import { EngineError, type EngineClient } from "./engine-client.js";
import { isValidModelName } from "../names/model-name.js";
import type { RunOptions } from "./run-options.js";
import { inferThink } from "./think-option.js";
import { loadOrUnloadModel } from "./unload-model.js";

/** What a model's details mean for the session: its history and the model it came from. */
export function applyModelInfo(opts: RunOptions, info: ShowResponse): void {
  opts.parentModel = info.details?.parent_model ?? "";
  opts.loadedMessages = [...(info.messages ?? [])];
}

export async function loadModel(client: EngineClient, opts: RunOptions, model: string, thinkExplicit: boolean): Promise<void> {
  const previous = { ...opts, messages: [...opts.messages], loadedMessages: [...opts.loadedMessages], options: { ...opts.options } };
  const restore = () => Object.assign(opts, previous);
  opts.model = model;
  opts.messages = [];
  opts.loadedMessages = [];
  say(`Loading model '${model}'`);
  try {
    const info = await client.show({ model });
    applyModelInfo(opts, info);
    opts.think = inferThink(info.capabilities ?? [], opts.think, thinkExplicit);
    await loadOrUnloadModel(client, { model, ...(opts.keepAlive !== undefined ? { keepAlive: opts.keepAlive } : {}), ...(opts.think !== undefined ? { think: opts.think } : {}) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason.includes("not found")) {
      say(`Couldn't find model '${model}'`);
      restore();
      return;
    }
    if (reason.includes("does not support thinking")) {
      say(`error: ${reason}`);
      return;
    }
    throw error;
  }
}

export async function saveSession(client: EngineClient, opts: RunOptions, name: string): Promise<void> {
  const parent = isValidModelName(opts.parentModel) ? opts.parentModel : "";
  const messages = [...opts.loadedMessages, ...opts.messages];
  try {
    await client.create(
      {
        model: name,
        from: parent || opts.model,
        ...(opts.system ? { system: opts.system } : {}),
        ...(Object.keys(opts.options).length ? { parameters: opts.options } : {}),
        ...(messages.length ? { messages } : {}),
      },
      () => {},
    );
  } catch (error) {
    if (error instanceof EngineError && error.message.includes("invalid model name")) {
      say(`error: The model name '${name}' is invalid`);
      return;
    }
    throw error;
  }
  say(`Created new model '${name}'`);
}
