import type { Context } from "hono";
import { z } from "zod";
import type { Engine } from "../../engine/engine.js";
import { outputFormat, samplingFor } from "../../inference/inference-options.js";
import { generationStream } from "../../inference/generation-stream.js";
import { prepareRun } from "../../inference/prepare-run.js";
import { assembleMessages, renderChat } from "../../inference/prompt-builder.js";
import { isThinking, parseThink } from "../../inference/think.js";
import { ChatOutput, type OutputPiece } from "../../inference/chat-output.js";
import { finalMetrics } from "../../inference/final-metrics.js";
import { checkTopLogprobs, imagesField, inferenceFields, joinedLogprobs, logprobsRequest, LogprobQueue } from "../../inference/inference-request.js";
import { parseKeepAlive } from "../../options/duration.js";
import { canonicalName } from "../../names/model-name.js";
import type { ChatMessage, Tool } from "../../template/chat-prompt.js";
import { ApiError } from "../api-error.js";
import { decodeRequest, optional, readJson } from "../json-body.js";
import { goTimestamp, jsonResponse, streamResponse } from "../responses.js";
import { requestAbort } from "../request-abort.js";

const toolCallSchema = z.object({
  id: optional(z.string()),
  function: z.object({
    index: optional(z.number().int()),
    name: z.string(),
    arguments: optional(z.record(z.string(), z.unknown())),
  }),
});

const messageSchema = z.object({
  role: optional(z.string()),
  content: optional(z.string()),
  thinking: optional(z.string()),
  images: imagesField,
  tool_calls: optional(z.array(toolCallSchema)),
  tool_name: optional(z.string()),
  tool_call_id: optional(z.string()),
});

const toolSchema = z.object({
  type: optional(z.string()),
  function: z.object({ name: z.string(), description: optional(z.string()), parameters: z.unknown().optional() }),
});

const chatSchema = z.object({
  messages: optional(z.array(messageSchema)),
  tools: optional(z.array(toolSchema)),
  ...inferenceFields,
});

type ChatChunk = Record<string, unknown> & {
  message: { role: string; content: string; thinking?: string; tool_calls?: OutputPiece["toolCalls"] };
  done: boolean;
};

export async function chat(engine: Engine, c: Context): Promise<Response> {
  const startedAt = process.hrtime.bigint();
  const request = decodeRequest(chatSchema, await readJson(c), "ChatRequest");
  checkTopLogprobs(request.top_logprobs);
  const requested = request.model ?? "";
  const think = parseThink(request.think);
  const keepAlive = parseKeepAlive(request.keep_alive);
  const record = await engine.catalog.resolve(requested, {
    missing: () => new ApiError(400, "model is required"),
    notFound: () => new ApiError(404, `model '${requested}' not found`),
  });
  const requestMessages: ChatMessage[] = (request.messages ?? []).map((message) => ({
    ...message,
    role: (message.role ?? "").toLowerCase(),
    content: message.content ?? "",
    tool_calls: message.tool_calls?.map((call) => ({ ...call, function: { ...call.function, arguments: call.function.arguments ?? {} } })),
  }));
  const reply = (extra: Record<string, unknown>) => ({
    model: requested,
    created_at: goTimestamp(),
    message: { role: "assistant", content: "" },
    done: true,
    ...extra,
  });
  if (requestMessages.length === 0 && keepAlive?.ms === 0) {
    if (record.modelPath) await engine.scheduler.expire(record.modelPath);
    return jsonResponse(reply({ done_reason: "unload" }));
  }
  await engine.catalog.checkReadable(record);
  const capabilities = await engine.catalog.capabilities(record);
  const tools = request.tools?.map((tool) => ({ ...tool, type: tool.type ?? "function" })) as Tool[] | undefined;
  if (isThinking(think) && !capabilities.includes("thinking")) throw new ApiError(400, `"${requested}" does not support thinking`);
  // A thinking model thinks unless the request says otherwise.
  const thinking = think === undefined ? capabilities.includes("thinking") : isThinking(think);
  const activeTools = tools && tools.length > 0 ? tools : undefined;
  if (!capabilities.includes("completion")) throw new ApiError(400, `"${requested}" does not support chat`);
  if (activeTools && !capabilities.includes("tools")) throw new ApiError(400, `${canonicalName(record.name)} does not support tools`);

  const abort = requestAbort(c);
  const { lease, options, facts } = await prepareRun(engine, record, request.options, request.keep_alive, startedAt, abort.signal);
  let released = false;
  try {
    if (requestMessages.length === 0) {
      lease.release();
      released = true;
      return jsonResponse(reply({ done_reason: "load" }));
    }
    const format = outputFormat(request.format);
    const source = await engine.catalog.templateSource(record, facts);
    const text = renderChat(source, {
      messages: assembleMessages(record, requestMessages),
      tools: activeTools,
      think: think === undefined && !thinking ? undefined : thinking,
    });
    if (request._debug_render_only) {
      const message = { role: "", content: "" };
      return jsonResponse({ model: requested, created_at: goTimestamp(), message, done: false, _debug_info: { rendered_template: text } });
    }
    const events = generationStream(
      engine.runtime,
      lease,
      {
        prompt: text,
        sampling: samplingFor(options),
        numPredict: options.num_predict,
        numKeep: options.num_keep,
        stop: options.stop ?? [],
        format,
        logprobs: logprobsRequest(request),
        returnContext: false,
      },
      abort.signal,
    );
    released = true;
    const output = new ChatOutput(source, { think: thinking, tools: activeTools, prompt: text });
    const message = (piece: OutputPiece): ChatChunk["message"] => ({
      role: "assistant",
      content: piece.content,
      ...(piece.thinking ? { thinking: piece.thinking } : {}),
      ...(piece.toolCalls.length > 0 ? { tool_calls: piece.toolCalls } : {}),
    });
    const hasOutput = (piece: OutputPiece) => piece.content !== "" || piece.thinking !== "" || piece.toolCalls.length > 0;
    const logprobs = new LogprobQueue();
    async function* chunks(): AsyncGenerator<ChatChunk> {
      for await (const event of events) {
        if ("text" in event) {
          logprobs.add(event.logprobs);
          const piece = output.push(event.text);
          if (hasOutput(piece)) yield { model: requested, created_at: goTimestamp(), message: message(piece), done: false, ...logprobs.take() };
          continue;
        }
        const rest = output.finish();
        if (hasOutput(rest)) yield { model: requested, created_at: goTimestamp(), message: message(rest), done: false };
        yield {
          model: requested,
          created_at: goTimestamp(),
          message: { role: "assistant", content: "" },
          done: true,
          done_reason: event.stats.doneReason,
          ...logprobs.take(),
          ...finalMetrics(event.stats, lease.loadDurationNs, startedAt),
        };
      }
    }
    return await streamResponse(chunks(), {
      stream: request.stream ?? true,
      abort,
      aggregate: (items) => {
        const last = items[items.length - 1];
        const thinkingText = items.map((item) => item.message.thinking ?? "").join("");
        const toolCalls = items.flatMap((item) => item.message.tool_calls ?? []);
        return {
          ...last,
          message: {
            role: "assistant",
            content: items.map((item) => item.message.content).join(""),
            ...(thinkingText ? { thinking: thinkingText } : {}),
            ...(activeTools && toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
          ...joinedLogprobs(items),
        };
      },
    });
  } finally {
    if (!released) lease.release();
  }
}
