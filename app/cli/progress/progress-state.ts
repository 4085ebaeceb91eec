/** One line of a progress display: a spinner with a status, or a transfer bar. */
export interface ProgressState {
  /** The line as it looks now, for a terminal `width` columns wide. */
  line(width: number): string;
  /** True once the line will not change again. */
  readonly finished: boolean;
}
