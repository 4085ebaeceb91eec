/** Columns of the terminal stdout writes to; 80 when it is not one. */
export function terminalWidth(): number {
  return process.stdout.isTTY ? process.stdout.columns || 80 : 80;
}
