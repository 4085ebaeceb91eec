import { LlamaLogLevel } from "node-llama-cpp";
import { llamaBinaryChoice, loadLlama } from "./llama-binary.js";

// Runs in a throwaway child process: loads a model and evaluates one token, so that a file which makes
// llama.cpp abort (a failed GGML_ASSERT ends the whole process) takes down this process, not the engine.

const modelPath = process.argv[2];
// The same binary the engine's worker will load (a local build when present), never a download or a compile.
const { llama } = await loadLlama(llamaBinaryChoice(), { logLevel: LlamaLogLevel.error });
const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
const context = await model.createContext({ contextSize: 64, threads: 1 });
const sequence = context.getSequence();
const first = model.tokens.bos ?? model.tokenize("a")[0];
if (first !== undefined) await sequence.evaluateWithoutGeneratingNewTokens([first]);
await context.dispose();
await model.dispose();
await llama.dispose();
process.exit(0);
