// A small SentencePiece-style ("llama" tokenizer) vocabulary for generated test models.
// llama.cpp's SPM tokenizer splits text into characters and repeatedly merges the adjacent pair
// with the best score that is itself a token. Every word below is therefore added together with
// all its prefixes ("▁h", "▁he", "▁hel", ...), scored by length, so ordinary English words
// tokenize as whole words; anything else falls back to single characters and then to the 256
// byte tokens.

export const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;

export const UNK_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;

const SPACE = "\u2581"; // "▁", SentencePiece's word-start marker

const WORDS = (
  "the a an and or but if of to in on at by for with from as is are was were be been am it its " +
  "this that these those there here he she they we you i me my your his her our their them him " +
  "not no yes do does did done have has had can could will would should may might must shall " +
  "what when where who why how which all some many more most one two three four five first last " +
  "up down out into over under about after before again then than so very just now also only " +
  "hello world hi goodbye thanks please sorry ok okay good bad new old big small long short " +
  "time day night year people man woman child cat dog bird fish tree sky sun moon water fire " +
  "red blue green black white story once upon little happy sad friend play go went see saw " +
  "say said make made like love know think want need use work call find give tell ask come " +
  "paris france capital city country answer question number word name model test json"
).split(" ");

const CAPITALISED = "the a i it he she they we you hello hi once what why how yes no paris france".split(" ");

const CHARACTERS =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + ".,!?;:'\"-()[]{}<>/\\@#$%&*+=_~`^|";

export interface TestVocabulary {
  readonly tokens: string[];
  readonly scores: number[];
  readonly types: number[];
  /** Whole words and sentence punctuation: what a generated model should mostly emit. */
  readonly isWord: boolean[];
}

const SENTENCE_PUNCTUATION = new Set([".", ",", "!", "?"]);

/**
 * Builds the vocabulary. With `size` larger than the natural size, synthetic pieces "▁tok<N>"
 * pad it out (for models shaped like real ones); a smaller size is an error.
 */
export function buildTestVocabulary(size?: number): TestVocabulary {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const isWord: boolean[] = [];
  const index = new Map<string, number>();
  const add = (text: string, type: number, score: number, word = false): void => {
    const existing = index.get(text);
    if (existing !== undefined) {
      isWord[existing] ||= word; // "▁a" is both a prefix of "▁and" and a word
      return;
    }
    index.set(text, tokens.length);
    tokens.push(text);
    types.push(type);
    scores.push(score);
    isWord.push(word);
  };

  add("<unk>", TOKEN_TYPE.unknown, 0);
  add("<s>", TOKEN_TYPE.control, 0);
  add("</s>", TOKEN_TYPE.control, 0);
  for (let b = 0; b < 256; b++) add(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, TOKEN_TYPE.byte, 0);
  add(SPACE, TOKEN_TYPE.normal, 1);
  for (const c of CHARACTERS) add(c, TOKEN_TYPE.normal, 1, SENTENCE_PUNCTUATION.has(c));
  const words = [...WORDS, ...CAPITALISED.map((w) => w[0].toUpperCase() + w.slice(1))];
  for (const word of words) {
    const piece = SPACE + word;
    for (let end = 2; end <= piece.length; end++) add(piece.slice(0, end), TOKEN_TYPE.normal, end, end === piece.length);
  }

  if (size !== undefined) {
    if (!Number.isInteger(size) || size < tokens.length) {
      throw new RangeError(`vocabulary size must be an integer of at least ${tokens.length}, got ${size}`);
    }
    // Not marked as words: generated models keep emitting the real words above.
    for (let n = 0; tokens.length < size; n++) add(`${SPACE}tok${n}`, TOKEN_TYPE.normal, -1);
  }
  return { tokens, scores, types, isWord };
}
