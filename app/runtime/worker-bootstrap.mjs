// Lets the worker run from TypeScript sources (npm run serve, tests): registers tsx inside the worker
// thread, which does not inherit the parent's loader, then loads the real entry point.
import { workerData } from "node:worker_threads";

const { register } = await import("tsx/esm/api");
register();
await import(workerData.entry);
