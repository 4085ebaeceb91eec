// A parsed Modelfile turned into the JSON body of POST /api/create (§14.2), as
// Ollama's Modelfile.CreateRequest builds it: local files are hashed (the
// caller uploads them), PARAMETER values are typed, MESSAGE lines collected.

import { realpath, stat } from "node:fs/promises";
import { addModelfileParameter, type ParameterValue } from "../options/modelfile-parameter.js";
import { isOptionError } from "../options/option-error.js";
import { expandModelfilePath, type HomeLookup } from "./expand-path.js";
import { fileDigest } from "./file-digest.js";
import { MODELFILE_ERRORS, ModelfileError } from "./modelfile-error.js";
import type { MessageRole, Modelfile } from "./modelfile-parser.js";
import { modelDirectoryFiles } from "./model-directory.js";
import { errorCode, goPathError } from "./os-error.js";
import { isValidSemver } from "./semver.js";

/** Local file path → `sha256:<hex>`. The paths are absolute; see uploadFileNames for what the server gets. */
export type LocalFiles = Record<string, string>;

export interface ModelfileCreateRequest {
  from?: string;
  files?: LocalFiles;
  adapters?: LocalFiles;
  draft_files?: LocalFiles;
  template?: string;
  system?: string;
  license?: string[];
  renderer?: string;
  parser?: string;
  requires?: string;
  parameters?: Record<string, ParameterValue>;
  messages?: Array<{ role: MessageRole; content: string }>;
}

export interface CreateRequestContext {
  /** The Modelfile's directory: relative paths start there. */
  relativeDir: string;
  /** Told about deprecated parameters, which are dropped. */
  warn?: (message: string) => void;
  homes?: HomeLookup;
}

/** Hashes a file, or every model file of a directory. Rejects with Go's `stat <path>: ...` when absent. */
async function digestMap(target: string): Promise<LocalFiles> {
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    throw goPathError(error, "stat", target);
  }
  const files = info.isDirectory() ? await modelDirectoryFiles(target) : [target];
  const digests: LocalFiles = {};
  for (const file of files) digests[file] = await fileDigest(await realpath(file));
  return digests;
}

async function samePath(a: string, b: string): Promise<boolean> {
  const [realA, realB] = await Promise.all([realpath(a), realpath(b)]);
  return realA === realB;
}

async function rejectSamePath(target: string, others: string[]): Promise<void> {
  for (const other of others) {
    if (await samePath(target, other)) throw new Error(`DRAFT must not reference the same local path as FROM: ${target}`);
  }
}

export async function buildCreateRequest(modelfile: Modelfile, context: CreateRequestContext): Promise<ModelfileCreateRequest> {
  const request: ModelfileCreateRequest = {};
  const parameters: Record<string, ParameterValue> = {};
  const licenses: string[] = [];
  const messages: Array<{ role: MessageRole; content: string }> = [];
  const modelPaths: string[] = [];
  const draftPaths: string[] = [];
  const expand = (arg: string) => expandModelfilePath(arg, context.relativeDir, context.homes);

  for (const command of modelfile.commands) {
    switch (command.kind) {
      case "from": {
        const target = expand(command.value);
        let files: LocalFiles;
        try {
          files = await digestMap(target);
        } catch (error) {
          // A FROM that names nothing on disk names a model instead.
          if (errorCode(error) === "ENOENT") {
            request.from = command.value;
            break;
          }
          throw error;
        }
        await rejectSamePath(target, draftPaths);
        modelPaths.push(target);
        request.files = { ...request.files, ...files };
        break;
      }
      case "draft": {
        const target = expand(command.value);
        const files = await digestMap(target);
        await rejectSamePath(target, modelPaths);
        draftPaths.push(target);
        request.draft_files = { ...request.draft_files, ...files };
        break;
      }
      case "adapter":
        request.adapters = await digestMap(expand(command.value));
        break;
      case "template":
      case "system":
      case "renderer":
      case "parser":
        request[command.kind] = command.value;
        break;
      case "license":
        licenses.push(command.value);
        break;
      case "requires": {
        const version = command.value.startsWith("v") ? command.value : `v${command.value}`;
        if (!isValidSemver(version)) throw new ModelfileError(MODELFILE_ERRORS.invalidRequires, command.line);
        request.requires = version.slice(1);
        break;
      }
      case "message":
        messages.push({ role: command.role, content: command.value });
        break;
      case "parameter":
        try {
          if (!addModelfileParameter(parameters, command.key, command.value)) {
            context.warn?.(`warning: parameter ${command.key} is deprecated`);
          }
        } catch (error) {
          if (isOptionError(error)) throw new ModelfileError(error.message, command.line);
          throw error;
        }
        break;
    }
  }

  if (Object.keys(parameters).length > 0) request.parameters = parameters;
  if (messages.length > 0) request.messages = messages;
  if (licenses.length > 0) request.license = licenses;
  return request;
}
