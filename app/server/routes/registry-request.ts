import { z } from "zod";
import { optional } from "../json-body.js";

/** The body of /api/pull and /api/push; username and password are accepted and ignored, as upstream does. */
export const registryRequestSchema = z.object({
  model: optional(z.string()),
  name: optional(z.string()),
  insecure: optional(z.boolean()),
  stream: optional(z.boolean()),
  username: optional(z.string()),
  password: optional(z.string()),
});
