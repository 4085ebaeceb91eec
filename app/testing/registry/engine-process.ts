import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface EngineProcess {
  url: string;
  child: ChildProcess;
  /** What the engine wrote to stderr, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown code runs, as when the machine loses power or the user kills the process. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `paddock serve` as its own process on a free loopback port over the given models folder. */
export async function spawnEngine(modelsDir: string, env: Record<string, string> = {}): Promise<EngineProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["bin/paddock.mjs", "serve"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PADDOCK_HOST: `127.0.0.1:${port}`, PADDOCK_MODELS: modelsDir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, "exit");
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`engine exited early:\n${stderr}`);
    const ready = await fetch(url).then((reply) => reply.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`engine did not start within 30 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, output: () => stderr, kill: () => stopWith("SIGKILL"), stop: () => stopWith("SIGTERM") };
}
