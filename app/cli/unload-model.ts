import type { ThinkValue } from "./api-types.js";
import type { EngineClient } from "./engine-client.js";
import { ProgressDisplay } from "./progress/progress-display.js";
import { Spinner } from "./progress/spinner.js";

export interface LoadOptions {
  model: string;
  /** Go duration text or -1; "0s" unloads. */
  keepAlive?: string | number;
  think?: ThinkValue;
}

/**
 * Loads a model, or unloads it with keep-alive 0, by an empty generate
 * request, with a spinner meanwhile. The show call first turns an unknown
 * model into a clear "not found" before anything is scheduled.
 */
export async function loadOrUnloadModel(client: EngineClient, options: LoadOptions): Promise<void> {
  const progress = new ProgressDisplay();
  progress.add(new Spinner(""));
  try {
    await client.show({ model: options.model });
    await client.generate(
      {
        model: options.model,
        ...(options.keepAlive !== undefined ? { keep_alive: options.keepAlive } : {}),
        ...(options.think !== undefined ? { think: options.think } : {}),
      },
      () => {},
    );
  } finally {
    progress.stopAndClear();
  }
}
