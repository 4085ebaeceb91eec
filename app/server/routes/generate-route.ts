import type { Context } from "hono";
import { z } from "zod";
import type { Engine } from "../../engine/engine.js";
import { outputFormat, samplingFor } from "../../inference/inference-options.js";
import { generationStream } from "../../inference/generation-stream.js";
import { prepareRun } from "../../inference/prepare-run.js";
import { assembleMessages, renderChat, renderInsert } from "../../inference/prompt-builder.js";
import { isThinking, parseThink } from "../../inference/think.js";
import { ChatOutput, type OutputPiece } from "../../inference/chat-output.js";
import { finalMetrics } from "../../inference/final-metrics.js";
import { checkTopLogprobs, imagesField, inferenceFields, joinedLogprobs, logprobsRequest, LogprobQueue } from "../../inference/inference-request.js";
import { parseKeepAlive } from "../../options/duration.js";
import { canonicalName } from "../../names/model-name.js";
import type { ChatMessage } from "../../template/chat-prompt.js";
import { ApiError } from "../api-error.js";
import { decodeRequest, optional, readJson } from "../json-body.js";
import { goTimestamp, jsonResponse, streamResponse } from "../responses.js";
import { requestAbort } from "../request-abort.js";

const generateSchema = z.object({
  prompt: optional(z.string()),
  suffix: optional(z.string()),
  system: optional(z.string()),
  template: optional(z.string()),
  context: optional(z.array(z.number().int().nonnegative())),
  raw: optional(z.boolean()),
  images: imagesField,
  ...inferenceFields,
});

type GenerateChunk = Record<string, unknown> & { response: string; thinking?: string; done: boolean };

export async function generate(engine: Engine, c: Context): Promise<Response> {
  const startedAt = process.hrtime.bigint();
  const request = decodeRequest(generateSchema, await readJson(c), "GenerateRequest");
  checkTopLogprobs(request.top_logprobs);
  const requested = request.model ?? "";
  const think = parseThink(request.think);
  const keepAlive = parseKeepAlive(request.keep_alive);
  const record = await engine.catalog.resolve(requested, {
    missing: () => new ApiError(404, "model '' not found"),
    notFound: () => new ApiError(404, `model '${requested}' not found`),
  });
  const prompt = request.prompt ?? "";
  const reply = (extra: Record<string, unknown>) => ({ model: requested, created_at: goTimestamp(), response: "", done: true, ...extra });
  if (prompt === "" && keepAlive?.ms === 0) {
    if (record.modelPath) await engine.scheduler.expire(record.modelPath);
    return jsonResponse(reply({ done_reason: "unload" }));
  }
  if (request.raw && (request.template || request.system || (request.context && request.context.length > 0))) {
    throw new ApiError(400, "raw mode does not support template, system, or context");
  }
  await engine.catalog.checkReadable(record);
  const capabilities = await engine.catalog.capabilities(record);
  if (isThinking(think) && !capabilities.includes("thinking")) throw new ApiError(400, `"${requested}" does not support thinking`);
  // A thinking model thinks unless the request says otherwise.
  const thinking = think === undefined ? capabilities.includes("thinking") : isThinking(think);
  if (!capabilities.includes("completion")) throw new ApiError(400, `"${requested}" does not support generate`);
  if (request.suffix && !capabilities.includes("insert")) throw new ApiError(400, `${canonicalName(record.name)} does not support insert`);

  const abort = requestAbort(c);
  const { lease, options, facts } = await prepareRun(engine, record, request.options, request.keep_alive, startedAt, abort.signal);
  let released = false;
  try {
    if (prompt === "") {
      lease.release();
      released = true;
      return jsonResponse(reply({ done_reason: "load" }));
    }
    const format = outputFormat(request.format);
    if (request.context?.some((token) => token >= facts.vocabularySize)) {
      throw new ApiError(400, "invalid context: a token id is outside the model's vocabulary");
    }
    const source = await engine.catalog.templateSource(record, facts, request.template);
    let text: string;
    if (request.raw) text = prompt;
    else if (request.suffix) text = renderInsert(source, prompt, request.suffix);
    else {
      const messages: ChatMessage[] = [];
      const system = request.system ?? record.system;
      if (system) messages.push({ role: "system", content: system });
      if (!request.context) messages.push(...(assembleMessages({ ...record, system: undefined }, []) as ChatMessage[]));
      messages.push({ role: "user", content: prompt, ...(request.images ? { images: request.images } : {}) });
      text = renderChat(source, { messages, think: think === undefined && !thinking ? undefined : thinking });
    }
    if (request._debug_render_only) {
      return jsonResponse({ model: requested, created_at: goTimestamp(), response: "", done: false, _debug_info: { rendered_template: text } });
    }
    const events = generationStream(
      engine.runtime,
      lease,
      {
        prompt: text,
        prefixTokens: request.raw ? undefined : request.context,
        sampling: samplingFor(options),
        numPredict: options.num_predict,
        numKeep: options.num_keep,
        stop: options.stop ?? [],
        format,
        logprobs: logprobsRequest(request),
        returnContext: !request.raw,
      },
      abort.signal,
    );
    released = true;
    const output = new ChatOutput(source, { think: thinking && !request.raw, prompt: text });
    const chunk = (piece: OutputPiece): GenerateChunk => ({
      model: requested,
      created_at: goTimestamp(),
      response: piece.content,
      ...(piece.thinking ? { thinking: piece.thinking } : {}),
      done: false,
      ...logprobs.take(),
    });
    const logprobs = new LogprobQueue();
    async function* chunks(): AsyncGenerator<GenerateChunk> {
      for await (const event of events) {
        if ("text" in event) {
          logprobs.add(event.logprobs);
          const piece = output.push(event.text);
          if (piece.content || piece.thinking) yield chunk(piece);
          continue;
        }
        const rest = output.finish();
        if (rest.content) yield chunk(rest);
        const { stats } = event;
        yield {
          model: requested,
          created_at: goTimestamp(),
          response: "",
          done: true,
          done_reason: stats.doneReason,
          ...(stats.context && stats.context.length > 0 ? { context: stats.context } : {}),
          ...finalMetrics(stats, lease.loadDurationNs, startedAt),
          ...logprobs.take(),
        };
      }
    }
    return await streamResponse(chunks(), {
      stream: request.stream ?? true,
      abort,
      aggregate: (items) => {
        const thinkingText = items.map((item) => item.thinking ?? "").join("");
        return {
          ...items[items.length - 1],
          response: items.map((item) => item.response).join(""),
          ...(thinkingText ? { thinking: thinkingText } : {}),
          ...joinedLogprobs(items),
        };
      },
    });
  } finally {
    if (!released) lease.release();
  }
}
