// The escape codes Ollama's CLI colours thinking text and notes with.
export const GREY = "\x1b[38;5;245m";
export const BOLD = "\x1b[1m";
export const RESET = "\x1b[0m";
