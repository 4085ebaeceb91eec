import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const PADDOCK_BIN = fileURLToPath(new URL("../../../bin/paddock.mjs", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** PADDOCK_HOST for the child, e.g. "127.0.0.1:41234". */
  host: string;
  /** Written to stdin, which is then closed; stdin is an empty pipe when absent. */
  input?: string;
  /** Leave stdin open for the test to write to (spawnPaddock only). */
  keepStdinOpen?: boolean;
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Starts `paddock <args>` from the sources as a child process. */
export function spawnPaddock(args: string[], options: CliOptions): ChildProcess {
  const child = spawn(process.execPath, [PADDOCK_BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, PADDOCK_HOST: options.host, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  if (!options.keepStdinOpen) child.stdin?.end(options.input ?? "");
  return child;
}

/** Runs `paddock <args>` to the end and collects its output. */
export function runPaddock(args: string[], options: CliOptions): Promise<CliResult> {
  const child = spawnPaddock(args, options);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`paddock ${args.join(" ")} did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
