import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { isValidModelName } from "../../app/names/model-name.js";
import { hasBlob, uploadBlob } from "./blob-upload.js";
import { createFromBlob } from "./create-from-blob.js";
import { fileDigest } from "./file-digest.js";
import { hasGgufMagic } from "./gguf-magic.js";
import { throttleProgress, type ProgressStep } from "./progress-throttle.js";

export interface GgufImport {
  engineUrl: string;
  path: string;
  model: string;
  onProgress?: (step: ProgressStep) => void;
}

/**
 * Imports a GGUF file the way `ollama create` does, so it works against Paddock's engine and Ollama alike:
 * hash it, upload it as a blob unless the engine has it, then create the model from the blob.
 */
export async function importGguf({ engineUrl, path, model, onProgress = () => {} }: GgufImport): Promise<{ model: string; digest: string }> {
  if (!isValidModelName(model)) throw new Error(`"${model}" is not a valid model name`);
  if (!(await hasGgufMagic(path))) throw new Error(`${basename(path)} is not a GGUF file`);
  const { size: total } = await stat(path);
  const progress = throttleProgress(onProgress);

  progress({ phase: "hashing", completed: 0, total });
  const digest = await fileDigest(path, (completed) => progress({ phase: "hashing", completed, total }));

  progress({ phase: "uploading", completed: 0, total });
  if (!(await hasBlob(engineUrl, digest))) {
    await uploadBlob(engineUrl, digest, path, total, (completed) => progress({ phase: "uploading", completed, total }));
  }
  progress({ phase: "uploading", completed: total, total });

  await createFromBlob(engineUrl, model, basename(path), digest, (status) => progress({ phase: "creating", status }));
  return { model, digest };
}
