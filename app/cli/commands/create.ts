import { createReadStream, existsSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { isValidModelName } from "../../names/model-name.js";
import { buildCreateRequest, type LocalFiles } from "../../modelfile/create-request.js";
import { ModelfileError } from "../../modelfile/modelfile-error.js";
import { parseModelfile, type Modelfile } from "../../modelfile/modelfile-parser.js";
import { uploadFileNames } from "../../modelfile/upload-names.js";
import { connect } from "../connect.js";
import type { EngineClient } from "../engine-client.js";
import { shortDigest, TransferProgress } from "../progress/transfer-progress.js";

export interface CreateFlags {
  file?: string;
  quantize?: string;
  draftQuantize?: string;
}

// Instructions the engine cannot act on yet: refused before any file is hashed or sent.
const UNSUPPORTED: Record<string, string> = {
  adapter: "ADAPTER is not supported yet: Paddock cannot apply LoRA adapters",
  draft: "DRAFT is not supported yet: Paddock has no speculative decoding",
};

function rejectUnsupported(modelfile: Modelfile): void {
  for (const command of modelfile.commands) {
    const reason = UNSUPPORTED[command.kind];
    if (reason) throw new ModelfileError(reason, command.line);
  }
}

/** The Modelfile's bytes and directory. Without -f and without ./Modelfile, the current directory is the model (`FROM .`). */
async function readModelfile(file: string | undefined): Promise<{ bytes: Uint8Array; dir: string }> {
  const target = path.resolve(file ?? "Modelfile");
  if (existsSync(target)) return { bytes: await readFile(target), dir: path.dirname(target) };
  if (file !== undefined) throw new Error("specified Modelfile wasn't found");
  return { bytes: Buffer.from("FROM .\n"), dir: process.cwd() };
}

/** Sends one file as a blob, with a `copying file <digest> N%` line meanwhile. */
async function uploadBlob(client: EngineClient, file: string, digest: string, progress: TransferProgress): Promise<void> {
  const real = await realpath(file);
  const size = (await stat(real)).size;
  const status = (percent: number) => `copying file ${digest} ${percent}%`;
  const spinner = progress.showStatus(status(0));
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      spinner.setMessage(status(size > 0 ? Math.trunc((100 * sent) / size) : 100));
      done(null, chunk);
    },
  });
  const body = Readable.toWeb(createReadStream(real).pipe(counter)) as ReadableStream<Uint8Array>;
  await client.createBlob(digest, body);
  spinner.setMessage(status(100));
  spinner.stop();
}

/** Uploads local files and returns them keyed by the names the engine should see. */
async function uploadAll(client: EngineClient, files: LocalFiles | undefined, progress: TransferProgress): Promise<Record<string, string> | undefined> {
  if (!files) return undefined;
  const names = uploadFileNames(Object.keys(files));
  const sent: Record<string, string> = {};
  for (const [file, digest] of Object.entries(files)) {
    await uploadBlob(client, file, digest, progress);
    sent[names.get(file) as string] = digest;
  }
  return sent;
}

/** `paddock create NAME [-f Modelfile] [-q QUANT]` */
export async function createCommand(name: string, flags: CreateFlags): Promise<void> {
  if (!isValidModelName(name)) throw new Error(`invalid model name: ${name}`);
  const client = await connect();
  const { bytes, dir } = await readModelfile(flags.file);
  const modelfile = parseModelfile(bytes);
  rejectUnsupported(modelfile);

  const progress = new TransferProgress({ barLabel: (update) => update.status || `pulling ${shortDigest(update.digest)}...` });
  try {
    const gathering = progress.showStatus("gathering model components");
    const request = await buildCreateRequest(modelfile, { relativeDir: dir, warn: (message) => process.stdout.write(`${message}\n`) });
    gathering.stop();
    if (flags.draftQuantize && !request.draft_files) throw new Error("--draft-quantize requires a DRAFT model");

    const files = await uploadAll(client, request.files, progress);
    const adapters = await uploadAll(client, request.adapters, progress);
    const draftFiles = await uploadAll(client, request.draft_files, progress);
    await client.create(
      {
        model: name,
        ...request,
        ...(files ? { files } : {}),
        ...(adapters ? { adapters } : {}),
        ...(draftFiles ? { draft_files: draftFiles } : {}),
        ...(flags.quantize ? { quantize: flags.quantize } : {}),
        ...(flags.draftQuantize ? { draft_quantize: flags.draftQuantize } : {}),
      },
      progress.handle,
    );
  } finally {
    progress.stop();
  }
}
