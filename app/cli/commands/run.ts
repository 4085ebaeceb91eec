import { parseGoDuration } from "../../options/duration.js";
import type { ShowResponse } from "../api-types.js";
import { applyModelInfo } from "../chat-model-commands.js";
import { chatSession } from "../chat-session.js";
import { connect } from "../connect.js";
import { EngineError, type EngineClient } from "../engine-client.js";
import { goDurationString } from "../format/go-duration.js";
import { generateAnswer } from "../generate-answer.js";
import { pullModel } from "../pull-model.js";
import { ResponseWriter } from "../response-writer.js";
import type { RunOptions } from "../run-options.js";
import { terminalWidth } from "../terminal-width.js";
import { inferThink, parseThinkFlag } from "../think-option.js";
import { loadOrUnloadModel } from "../unload-model.js";

export interface RunFlags {
  format?: string;
  keepalive?: string;
  verbose?: boolean;
  insecure?: boolean;
  nowordwrap?: boolean;
  think?: string | boolean;
  hidethinking?: boolean;
  truncate?: boolean;
  dimensions?: string;
  /** Chat even when stdin or stdout is not a terminal (scripts, tests). */
  interactive?: boolean;
}

/** --keepalive as the API takes it: a Go duration string, or -1 for "forever". */
export function keepAliveField(value: string): string | number {
  const nanoseconds = parseGoDuration(value);
  return nanoseconds < 0n ? -1 : goDurationString(nanoseconds);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}

/** The model's details; a model that is not here is pulled first, as `ollama run` does. */
async function showOrPull(client: EngineClient, model: string, insecure: boolean): Promise<ShowResponse> {
  try {
    return await client.show({ model });
  } catch (error) {
    if (!(error instanceof EngineError && error.status === 404)) throw error;
  }
  await pullModel(client, model, insecure);
  return client.show({ model });
}

async function printEmbedding(client: EngineClient, opts: RunOptions, flags: RunFlags): Promise<void> {
  if (!opts.prompt) throw new Error(`embedding models require input text. Usage: paddock run ${opts.model} "your text here"`);
  const dimensions = flags.dimensions ? Number.parseInt(flags.dimensions, 10) : 0;
  const reply = await client.embed({
    model: opts.model,
    input: opts.prompt,
    ...(opts.keepAlive !== undefined ? { keep_alive: opts.keepAlive } : {}),
    ...(flags.truncate !== undefined ? { truncate: flags.truncate } : {}),
    ...(dimensions > 0 ? { dimensions } : {}),
  });
  const first = reply.embeddings[0];
  if (!first) throw new Error("no embeddings returned");
  process.stdout.write(`${JSON.stringify(first)}\n`);
}

/** `paddock run MODEL [PROMPT...]`: a one-shot answer, or the interactive chat. */
export async function runCommand(model: string, promptWords: string[], flags: RunFlags): Promise<void> {
  const thinkSetByUser = flags.think !== undefined;
  const opts: RunOptions = {
    model,
    parentModel: "",
    loadedMessages: [],
    messages: [],
    prompt: "",
    // Wrapping uses cursor movement, so only a terminal gets it.
    wordWrap: !flags.nowordwrap && process.stdout.isTTY === true,
    format: flags.format ?? "",
    system: "",
    options: {},
    multiModal: false,
    hideThinking: flags.hidethinking === true,
    verbose: flags.verbose === true,
    ...(flags.think !== undefined ? { think: parseThinkFlag(flags.think) } : {}),
    ...(flags.keepalive ? { keepAlive: keepAliveField(flags.keepalive) } : {}),
  };

  let interactive = true;
  const prompts = [...promptWords];
  if (!process.stdin.isTTY && !flags.interactive) {
    // Piped text is the prompt, followed by any prompt words.
    const piped = await readAll(process.stdin);
    if (piped.length > 0) prompts.unshift(piped);
    interactive = false;
  }
  opts.prompt = prompts.join(" ");
  if (prompts.length > 0) interactive = false;
  if (!process.stdout.isTTY && !flags.interactive) interactive = false;

  const client = await connect();
  const info = await showOrPull(client, model, flags.insecure === true);
  const capabilities = info.capabilities ?? [];
  opts.think = inferThink(capabilities, opts.think, thinkSetByUser);
  opts.multiModal =
    capabilities.includes("vision") ||
    capabilities.includes("audio") ||
    Object.keys(info.projector_info ?? {}).length > 0 ||
    Object.keys(info.model_info ?? {}).some((key) => key.includes(".vision."));
  applyModelInfo(opts, info);

  if (capabilities.includes("embedding")) return printEmbedding(client, opts, flags);
  if (capabilities.includes("image")) throw new Error("image generation models are not currently supported");

  if (!interactive) return generateAnswer(client, opts);

  await loadOrUnloadModel(client, {
    model,
    ...(opts.keepAlive !== undefined ? { keepAlive: opts.keepAlive } : {}),
    ...(opts.think !== undefined ? { think: opts.think } : {}),
  });
  // The model's own MESSAGE history opens the conversation on screen.
  for (const message of opts.loadedMessages) {
    if (message.role === "user") process.stdout.write(`>>> ${message.content}\n`);
    else if (message.role === "assistant") {
      new ResponseWriter(process.stdout, opts.wordWrap, terminalWidth).write(message.content);
      process.stdout.write("\n\n");
    }
  }
  await chatSession(client, opts, thinkSetByUser);
}
