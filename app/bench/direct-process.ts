import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { DirectRequest } from "./direct-protocol.js";

type WithoutId<T> = T extends { id: number } ? Omit<T, "id"> : never;

/** node-llama-cpp used directly in a child process of its own (see direct-child.ts). */
export class DirectProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  private stderr = "";

  private constructor(readonly child: ChildProcess) {
    child.on("message", (message: { id: number; result?: unknown; error?: string }) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(message.error));
      else pending.resolve(message.result);
    });
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    child.on("exit", (code) => {
      for (const pending of this.pending.values()) pending.reject(new Error(`direct child exited with ${code}: ${this.stderr}`));
      this.pending.clear();
    });
  }

  static async start(env: Record<string, string> = {}): Promise<DirectProcess> {
    const script = fileURLToPath(new URL("./direct-child.ts", import.meta.url));
    const child = fork(script, [], {
      execArgv: ["--import", import.meta.resolve("tsx")],
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    const direct = new DirectProcess(child);
    await new Promise<void>((resolve, reject) => {
      direct.pending.set(0, { resolve: () => resolve(), reject });
      child.once("error", reject);
    });
    return direct;
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<T>(request: WithoutId<DirectRequest>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...request, id });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    await this.call({ op: "exit" }).catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}
