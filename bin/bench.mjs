#!/usr/bin/env node
// `npm run bench`: the performance benchmark (app/bench/bench.ts), run from its TypeScript sources.
import { register } from "tsx/esm/api";

register();
await import("../app/bench/bench.ts");
