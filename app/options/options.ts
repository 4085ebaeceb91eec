// Single entry point for request/Modelfile options; the pieces live in their own files.

export { OptionError, isOptionError } from './option-error.js';
export {
  DEPRECATED_PARAMETERS,
  LOAD_TIME_OPTIONS,
  OPTION_KINDS,
  defaultOptions,
  isOptionKey,
  type ModelOptions,
  type OptionKey,
  type OptionKind,
} from './option-table.js';
export { parseOptions, type ParsedOptions } from './parse-options.js';
export { mergeOptions, type MergeContext } from './merge-options.js';
export {
  addModelfileParameter,
  parseModelfileParameter,
  type ParameterValue,
} from './modelfile-parameter.js';
export {
  formatParameterForModelfile,
  formatParametersForShow,
  modelfileParameterArgs,
} from './format-parameters.js';
