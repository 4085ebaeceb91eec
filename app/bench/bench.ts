// `npm run bench [-- --json FILE] [--runs N] [--model q8_0|f16] [--threads N] [--quick] [--skip-pull] [--skip-binaries] [--env K=V]`
//
// Measures the engine against node-llama-cpp used directly, side by side in one run on the same machine,
// model, threads and context, and reports ratios (see issue 9 and the README's Performance section).
// Timing targets are checked here and printed; they never fail `npm test`.
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { defaultThreads } from "../scheduler/scheduler.js";
import { spawnEngine, type EngineProcess } from "../testing/registry/engine-process.js";
import { closeClient, createModel, getJson, postJson, requestsPerSecond, streamTimed } from "./api-client.js";
import { BENCH_MODEL_SHAPE, benchModelParameters, benchModelPath, type BenchFileType } from "./bench-model.js";
import { wordPrompt } from "./bench-prompts.js";
import type { BenchSampling, DirectGenerateResult, DirectLoadResult } from "./direct-protocol.js";
import { DirectProcess } from "./direct-process.js";
import { formatReport, type BenchReport } from "./report.js";
import { median, pairedMedianRatio, round } from "./stats.js";

interface Options {
  json?: string;
  runs: number;
  fileType: BenchFileType;
  threads?: number;
  contextSize: number;
  decodeTokens: number;
  skipPull: boolean;
  skipBinaries: boolean;
  /** Extra environment for the engine and the direct process alike (--env KEY=VALUE), for experiments. */
  env: Record<string, string>;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 7, fileType: "Q8_0", contextSize: 2048, decodeTokens: 128, skipPull: false, skipBinaries: false, env: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--json") options.json = value();
    else if (arg === "--runs") options.runs = Math.max(1, Number(value()));
    else if (arg === "--model") options.fileType = value().toUpperCase() === "F16" ? "F16" : "Q8_0";
    else if (arg === "--threads") options.threads = Math.max(1, Number(value()));
    else if (arg === "--ctx") options.contextSize = Number(value());
    else if (arg === "--tokens") options.decodeTokens = Math.max(8, Number(value()));
    else if (arg === "--skip-pull") options.skipPull = true;
    else if (arg === "--skip-binaries") options.skipBinaries = true;
    else if (arg === "--env") {
      const [key, ...rest] = value().split("=");
      options.env[key] = rest.join("=");
    }
    else if (arg === "--quick") {
      options.runs = 2;
      options.decodeTokens = 48;
    } else if (arg === "--help" || arg === "-h") {
      console.log("npm run bench -- [--json FILE] [--runs N] [--model q8_0|f16] [--threads N] [--ctx N] [--tokens N] [--quick] [--skip-pull] [--skip-binaries] [--env KEY=VALUE]");
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ollama's default sampling, spelled out so both sides use exactly the same settings. */
const SAMPLING: BenchSampling = { temperature: 0.8, topK: 40, topP: 0.9, minP: 0, seed: 42, repeatPenalty: 1.1, repeatLastN: 64 };

function apiOptions(options: Options, threads: number, numPredict: number) {
  return {
    num_predict: numPredict,
    num_ctx: options.contextSize,
    num_thread: threads,
    temperature: SAMPLING.temperature,
    top_k: SAMPLING.topK,
    top_p: SAMPLING.topP,
    min_p: SAMPLING.minP,
    seed: SAMPLING.seed,
    repeat_penalty: SAMPLING.repeatPenalty,
    repeat_last_n: SAMPLING.repeatLastN,
  };
}

async function processMemory(pid: number): Promise<{ rssMb: number; anonMb: number; fileMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, anonMb: kb("RssAnon") / 1024, fileMb: kb("RssFile") / 1024 };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg();
  const modelPath = await benchModelPath(options.fileType, log);
  const modelBytes = (await stat(modelPath)).size;
  const threads = options.threads ?? defaultThreads(modelBytes);
  const sequences = 4;
  const ctx = options.contextSize;
  log(`bench: ${BENCH_MODEL_SHAPE.name} ${options.fileType} (${(modelBytes / 1e6).toFixed(0)} MB), ${threads} threads, num_ctx ${ctx}, ${sequences} parallel sequences, ${options.runs} runs`);

  const work = await mkdtemp(join(tmpdir(), "paddock-bench-"));
  const engineEnv = { ...options.env, PADDOCK_NUM_PARALLEL: String(sequences), PADDOCK_KEEP_ALIVE: "-1", XDG_CACHE_HOME: join(work, "cache") };
  let engine: EngineProcess | undefined;
  let direct: DirectProcess | undefined;
  try {
    // --- load: first ever (model check included), cold (fresh engine), warm (worker up, file cached) ---
    engine = await spawnEngine(join(work, "models"), engineEnv);
    await createModel(engine.url, "bench", modelPath);
    const loadBody = (variant: number) => ({ model: "bench", prompt: wordPrompt(8, variant), raw: true, stream: true, options: apiOptions(options, threads, 1) });
    const first = await streamTimed(`${engine.url}/api/generate`, loadBody(1000));
    const loadFirstMs = first.firstLineMs;
    await engine.stop();
    engine = await spawnEngine(join(work, "models"), engineEnv);
    await waitForRuntimeLine(engine);
    const cold = await streamTimed(`${engine.url}/api/generate`, loadBody(1001));
    const warmRuns: number[] = [];
    for (let run = 0; run < Math.max(3, options.runs); run++) {
      await postJson(`${engine.url}/api/generate`, { model: "bench", keep_alive: 0 });
      await waitUnloaded(engine.url);
      warmRuns.push((await streamTimed(`${engine.url}/api/generate`, loadBody(1002 + run))).firstLineMs);
    }
    const engineBinary = runtimeLine(engine);

    direct = await DirectProcess.start(options.env);
    const directLoad = await direct.call<DirectLoadResult>({ op: "load", modelPath, contextSize: ctx, sequences, threads });
    log(`engine runs ${engineBinary}; direct runs ${directLoad.binary} with ${directLoad.threads} threads`);

    // --- decode and time to first token (short prompt) ---
    const decodeApi: number[] = [];
    const decodeDirect: number[] = [];
    const apiDecode = async (variant: number) => {
      const timing = await streamTimed(`${engine!.url}/api/generate`, {
        model: "bench",
        prompt: wordPrompt(16, variant),
        raw: true,
        stream: true,
        options: apiOptions(options, threads, options.decodeTokens),
      });
      decodeApi.push((timing.final.eval_count - 1) / ((timing.doneMs - timing.firstLineMs) / 1000));
    };
    const directDecode = async (variant: number) => {
      const result = await direct!.call<DirectGenerateResult>({ op: "generate", prompt: wordPrompt(16, variant), maxTokens: options.decodeTokens, sampling: SAMPLING });
      decodeDirect.push((result.tokens - 1) / (result.decodeMs / 1000));
    };
    await apiDecode(1); // warm-up, not counted
    await directDecode(1);
    decodeApi.length = decodeDirect.length = 0;
    for (let run = 0; run < options.runs; run++) {
      await alternate(run, () => apiDecode(10 + run), () => directDecode(10 + run));
    }
    log(`decode: api ${fmt(decodeApi)} tok/s, direct ${fmt(decodeDirect)} tok/s`);

    // --- time to first token (16-token prompt): many short runs, since one moves by tens of ms on these machines ---
    // Both sides are timed by the caller, so both include waking an idle process (after a second of idling that
    // alone cost these VMs up to ~8 ms in a trace): the API from sending the request to its first streamed line, direct
    // use from sending the child its request to receiving its one-token answer.
    const ttftApi: number[] = [];
    const ttftDirect: number[] = [];
    const ttftRuns = Math.max(11, 2 * options.runs + 1);
    for (let run = 0; run < ttftRuns; run++) {
      await alternate(
        run,
        async () => {
          const timing = await streamTimed(`${engine!.url}/api/generate`, {
            model: "bench",
            prompt: wordPrompt(16, 600 + run),
            raw: true,
            stream: true,
            options: apiOptions(options, threads, 1),
          });
          ttftApi.push(timing.firstLineMs);
        },
        async () => {
          const sent = performance.now();
          await direct!.call<DirectGenerateResult>({ op: "generate", prompt: wordPrompt(16, 700 + run), maxTokens: 1, sampling: SAMPLING });
          ttftDirect.push(performance.now() - sent);
        },
      );
    }
    log(`ttft: api ${fmt(ttftApi)} ms, direct ${fmt(ttftDirect)} ms`);

    // --- prompt processing: 512-token prompts, a different one each run ---
    const promptTokens = 512;
    const promptApi: number[] = [];
    const promptDirect: number[] = [];
    let apiPromptCount = 0;
    let directPromptCount = 0;
    for (let run = 0; run < options.runs; run++) {
      await alternate(
        run,
        async () => {
          const timing = await streamTimed(`${engine!.url}/api/generate`, {
            model: "bench",
            prompt: wordPrompt(promptTokens, 100 + run),
            raw: true,
            stream: true,
            options: apiOptions(options, threads, 1),
          });
          apiPromptCount = timing.final.prompt_eval_count;
          promptApi.push(promptTokens / (timing.firstLineMs / 1000));
        },
        async () => {
          const result = await direct!.call<DirectGenerateResult>({ op: "generate", prompt: wordPrompt(promptTokens, 200 + run), maxTokens: 1, sampling: SAMPLING });
          directPromptCount = result.promptTokens;
          promptDirect.push(promptTokens / (result.firstTokenMs / 1000));
        },
      );
    }
    log(`prompt ${promptTokens} (engine evaluated ${apiPromptCount}, direct ${directPromptCount}): api ${fmt(promptApi)} tok/s, direct ${fmt(promptDirect)} tok/s`);

    // --- 4 concurrent streams against 1 stream, through the API ---
    const parallelTokens = Math.min(64, options.decodeTokens);
    const aggregate = async (streams: number, variant: number) => {
      const started = performance.now();
      const timings = await Promise.all(
        Array.from({ length: streams }, (_, i) =>
          streamTimed(`${engine!.url}/api/generate`, {
            model: "bench",
            prompt: wordPrompt(16, variant * 10 + i),
            raw: true,
            stream: true,
            options: apiOptions(options, threads, parallelTokens),
          }),
        ),
      );
      const tokens = timings.reduce((sum, timing) => sum + timing.final.eval_count, 0);
      return tokens / ((performance.now() - started) / 1000);
    };
    const single: number[] = [];
    const four: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      await alternate(run, async () => single.push(await aggregate(1, 300 + run)), async () => four.push(await aggregate(4, 400 + run)));
    }
    log(`parallel: 1 stream ${fmt(single)} tok/s, 4 streams ${fmt(four)} tok/s`);

    // --- memory ---
    const engineMemory = await processMemory(engine.child.pid!);
    const directMemory = await direct.call<{ rssMb: number; anonMb: number; fileMb: number }>({ op: "memory" });
    const modelMb = modelBytes / 1024 / 1024;
    await direct.stop();
    direct = undefined;

    // --- /api/tags and /api/ps under concurrent load ---
    const tagsRps = await requestsPerSecond(`${engine.url}/api/tags`, 16, 2000);
    const psRps = await requestsPerSecond(`${engine.url}/api/ps`, 16, 2000);
    log(`requests/s with 16 clients: /api/tags ${tagsRps.toFixed(0)}, /api/ps ${psRps.toFixed(0)}`);
    await engine.stop();
    engine = undefined;

    // --- the llama.cpp binary itself: prebuilt against the local build, 1 and 2 threads ---
    const binaries = options.skipBinaries ? [] : await compareBinaries(modelPath, ctx, options);

    // --- pull throughput against a plain loopback copy ---
    let pull: Record<string, number> | undefined;
    if (!options.skipPull) {
      const { benchPull } = await import("../registry/pull-bench.js");
      pull = (await benchPull({ runs: 5 })) as unknown as Record<string, number>;
      log(`pull: ${pull.pull_mb_per_s} MB/s against a plain copy's ${pull.copy_mb_per_s} MB/s`);
    }

    const best = (kind: string) => binaries.filter((b) => b.kind === kind).sort((a, b) => b.decode_tps - a.decode_tps)[0];
    const prebuilt = best("prebuilt");
    const local = best("local build");
    const report: BenchReport = {
      decode_ratio: pairedMedianRatio(decodeApi, decodeDirect),
      ttft_overhead_ms: round(median(ttftApi.map((value, i) => value - ttftDirect[i])), 1),
      prompt_ratio: pairedMedianRatio(promptApi, promptDirect),
      parallel4_ratio: pairedMedianRatio(four, single),
      pull_ratio: pull?.pull_ratio ?? Number.NaN,
      load_ms_first: round(loadFirstMs),
      load_ms_cold: round(cold.firstLineMs),
      load_ms_warm: round(median(warmRuns)),
      rss_over_model_mb: round(engineMemory.rssMb - modelMb),
      direct_rss_over_model_mb: round(directMemory.rssMb - modelMb),
      engine_rss_mb: round(engineMemory.rssMb),
      engine_anon_mb: round(engineMemory.anonMb),
      engine_file_mb: round(engineMemory.fileMb),
      model_mb: round(modelMb),
      decode_tps_api: round(median(decodeApi), 1),
      decode_tps_direct: round(median(decodeDirect), 1),
      ttft_ms_api: round(median(ttftApi), 1),
      ttft_ms_direct: round(median(ttftDirect), 1),
      prompt_tps_api: round(median(promptApi), 1),
      prompt_tps_direct: round(median(promptDirect), 1),
      parallel1_tps: round(median(single), 1),
      parallel4_tps: round(median(four), 1),
      tags_rps: round(tagsRps),
      ps_rps: round(psRps),
      pull_mb_per_s: pull?.pull_mb_per_s ?? Number.NaN,
      copy_mb_per_s: pull?.copy_mb_per_s ?? Number.NaN,
      prebuilt_decode_tps: prebuilt?.decode_tps ?? Number.NaN,
      prebuilt_threads: prebuilt?.threads ?? Number.NaN,
      local_build_decode_tps: local?.decode_tps ?? Number.NaN,
      local_build_threads: local?.threads ?? Number.NaN,
      prebuilt_ttft_ms: prebuilt?.ttft_ms ?? Number.NaN,
      local_build_ttft_ms: local?.ttft_ms ?? Number.NaN,
      local_over_prebuilt: prebuilt && local ? round(local.decode_tps / prebuilt.decode_tps, 3) : Number.NaN,
      binaries,
      binary: engineBinary,
      threads,
      context: ctx,
      sequences,
      runs: options.runs,
      decode_tokens: options.decodeTokens,
      env: options.env,
      model: `${BENCH_MODEL_SHAPE.name} ${options.fileType}`,
      model_parameters: benchModelParameters(),
      machine: `${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`,
      load_average_before: loadBefore.map((value) => round(value, 2)),
      load_average_after: loadavg().map((value) => round(value, 2)),
      date: new Date().toISOString(),
    };
    console.log(formatReport(report));
    if (options.json) {
      await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
      log(`wrote ${options.json}`);
    }
  } finally {
    await direct?.stop().catch(() => undefined);
    await engine?.stop().catch(() => undefined);
    closeClient();
    await rm(work, { recursive: true, force: true });
  }
}

async function compareBinaries(modelPath: string, ctx: number, options: Options) {
  // Each measurement gets a fresh process of its own (two llama.cpp processes alive at once disturbed the
  // prebuilt's per-token thread start-up badly), and the two binaries take turns.
  const results: BenchReport["binaries"] = [];
  const choices = ["prebuilt", "local"] as const;
  const once = async (choice: (typeof choices)[number], threads: number, variant: number) => {
    const child = await DirectProcess.start({ ...options.env, PADDOCK_LLAMA_BINARY: choice });
    try {
      const loaded = await child.call<DirectLoadResult>({ op: "load", modelPath, contextSize: ctx, sequences: 1, threads });
      await child.call({ op: "generate", prompt: wordPrompt(16, 1), maxTokens: 16, sampling: SAMPLING });
      await pause(100);
      const result = await child.call<DirectGenerateResult>({ op: "generate", prompt: wordPrompt(16, variant), maxTokens: options.decodeTokens, sampling: SAMPLING });
      return { binary: loaded.binary, tps: (result.tokens - 1) / (result.decodeMs / 1000), ttft: result.firstTokenMs };
    } finally {
      await child.stop();
    }
  };
  for (const threads of [1, 2].filter((n) => n <= availableParallelism())) {
    const measured: Record<string, { binary: string; tps: number[]; ttft: number[] }> = {};
    for (let run = 0; run < options.runs; run++) {
      for (const choice of run % 2 === 0 ? choices : [...choices].reverse()) {
        const result = await once(choice, threads, 500 + run).catch((error: unknown) => {
          if (run === 0) log(`binary ${choice}: not available (${String(error).split("\n")[0]})`);
          return undefined;
        });
        if (!result) continue;
        const entry = (measured[choice] ??= { binary: result.binary, tps: [], ttft: [] });
        entry.tps.push(result.tps);
        entry.ttft.push(result.ttft);
      }
    }
    for (const choice of choices) {
      const entry = measured[choice];
      if (!entry) continue;
      const kind = entry.binary.includes("local build") ? "local build" : "prebuilt";
      results.push({ kind, binary: entry.binary, threads, decode_tps: round(median(entry.tps), 1), ttft_ms: round(median(entry.ttft), 1) });
      log(`binary ${entry.binary}, ${threads} threads: ${fmt(entry.tps)} tok/s`);
    }
  }
  return results;
}

/** Runs a and b in turn, swapping the order every other run so drift does not favour one side. */
async function alternate(run: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<void> {
  for (const step of run % 2 === 0 ? [a, b] : [b, a]) {
    await pause(100);
    await step();
  }
}

function fmt(values: number[]): string {
  return `${median(values).toFixed(1)} (${values.map((value) => value.toFixed(1)).join(", ")})`;
}

function runtimeLine(engine: EngineProcess): string {
  return /runtime: (.*)/.exec(engine.output())?.[1]?.trim() ?? "unknown";
}

async function waitForRuntimeLine(engine: EngineProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!/runtime(:| failed)/.test(engine.output()) && Date.now() < deadline) await pause(20);
}

async function waitUnloaded(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ps = (await getJson(`${url}/api/ps`)) as { models: unknown[] };
    if (ps.models.length === 0) return;
    await pause(20);
  }
}

await main();
