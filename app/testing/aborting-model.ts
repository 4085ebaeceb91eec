import { readFile } from "node:fs/promises";
import { readGguf } from "../gguf/gguf-reader.js";
import { ggufValue, type GgufTypedValue } from "../gguf/gguf-typed-value.js";
import { writeGguf } from "../gguf/gguf-writer.js";
import { testModelPath } from "./test-model-file.js";

/**
 * A structurally valid GGUF whose hyperparameters make llama.cpp abort (a failed GGML_ASSERT ends the whole
 * process) while loading: the tiny test model with zero layers.
 */
export async function writeAbortingModel(path: string): Promise<void> {
  const source = await testModelPath();
  const file = await readGguf(source);
  const metadata: Record<string, GgufTypedValue> = {};
  for (const [key, value] of Object.entries(file.metadata)) metadata[key] = { type: file.metadataTypes[key], value };
  metadata["llama.block_count"] = ggufValue.uint32(0);
  const bytes = await readFile(source);
  const tensors = file.tensors.map((tensor) => ({
    name: tensor.name,
    type: tensor.type,
    dims: tensor.dims,
    data: bytes.subarray(tensor.fileOffset, tensor.fileOffset + tensor.byteSize),
  }));
  await writeGguf(path, { metadata, tensors });
}
