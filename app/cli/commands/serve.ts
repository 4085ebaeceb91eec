import { withStoredSettings } from "../../history/history.js";
import { readSettings } from "../../settings/settings.js";
import { startServer } from "../../server/http-server.js";

/** `paddock serve`: the engine in the foreground until SIGINT or SIGTERM. */
export async function serveCommand(): Promise<void> {
  // Settings saved from the UI apply at start; environment variables still win over them.
  const settings = readSettings(withStoredSettings(process.env));
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  for (const warning of settings.warnings) log(`warning: ${warning}`);
  const running = await startServer(settings, log);
  log(`Paddock is listening on ${running.url} (models in ${settings.modelsDir})`);
  running.engine.runtime.start().then((backend) => log(`runtime: ${backend}`), (error: unknown) => log(`runtime failed to start: ${String(error)}`));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}
