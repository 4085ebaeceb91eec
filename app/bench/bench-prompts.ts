import { buildTestVocabulary } from "../gguf/test-model-vocabulary.js";
import { deriveSeed, seededRandom } from "../gguf/seeded-random.js";

const WORDS = (() => {
  const vocabulary = buildTestVocabulary();
  return vocabulary.tokens.filter((piece, id) => vocabulary.isWord[id] && piece.startsWith("\u2581")).map((piece) => piece.slice(1));
})();

/**
 * A prompt of whole vocabulary words that tokenizes to `tokens` tokens with BOS (one token per word), different
 * for every `variant` so the engine's prompt cache cannot reuse an earlier run's prefix.
 */
export function wordPrompt(tokens: number, variant: number): string {
  const next = seededRandom(deriveSeed(variant + 1, "bench-prompt"));
  const words: string[] = [];
  for (let i = 0; i < tokens - 1; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]);
  return words.join(" ");
}
