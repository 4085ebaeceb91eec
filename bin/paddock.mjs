#!/usr/bin/env node
// Runs the paddock CLI straight from its TypeScript sources.
import { register } from "tsx/esm/api";

register();
await import("../app/cli/paddock.ts");
