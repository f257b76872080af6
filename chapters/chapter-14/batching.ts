/**
 * Chapter 14: turning one long text into the windows truncated backpropagation trains on.
 */
import { formatShape } from '../../kernels';
import { NotImplementedError } from '../../kernels/not-implemented';

/** The characters of a text, sorted (so ids do not depend on a hash order), and their ids. */
export interface Vocabulary {
  readonly chars: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/**
 * The sorted set of characters of `text` (by UTF-16 code unit, as JavaScript's default sort).
 * The book's `list(set(raw))` has an arbitrary order; sorting makes the ids reproducible.
 * @example buildVocabulary('abba').chars // ['a', 'b']
 */
export function buildVocabulary(text: string): Vocabulary {
  const chars = [...new Set(text)].sort();
  return { chars, index: new Map(chars.map((c, i) => [c, i])) };
}

/** The id of every character of `text`. @throws naming a character the vocabulary lacks. */
export function encode(text: string, vocabulary: Vocabulary): Int32Array {
  const ids = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const id = vocabulary.index.get(text[i]);
    if (id === undefined) throw new Error(`encode: character ${JSON.stringify(text[i])} at ${i} is not in the vocabulary`);
    ids[i] = id;
  }
  return ids;
}

/**
 * The training windows of a text. Window k holds `bptt` time steps of `batchSize` streams, laid
 * out time-major: `inputs[k][t * batchSize + b]` is step t of stream b, so the rows of one window
 * are ready for one matrix product, and `targets[k]` holds the next character of each.
 */
export interface Windows {
  readonly batchSize: number;
  readonly bptt: number;
  /** Characters per stream: floor(N / batchSize) (the book's n_batches). */
  readonly streamLength: number;
  readonly inputs: Int32Array[];
  readonly targets: Int32Array[];
}

/**
 * Exercise 14.3: the book's batching for truncated backpropagation. Keep the first
 * `streamLength = floor(N / batchSize)` characters of each of `batchSize` contiguous streams
 * (stream b starts at `b * streamLength`; the remainder is dropped). The target of a character is
 * the one after it in its stream, so a stream gives `streamLength - 1` input/target pairs, cut
 * into `floor((streamLength - 1) / bptt)` windows of `bptt` steps (the tail is dropped).
 * `ids` is not modified.
 * @example batchify(ids, 16, 25).inputs.length // 249 for the book's 99,993 characters
 * @throws when batchSize or bptt is not a positive integer, or the text gives no whole window
 */
export function batchify(ids: Int32Array, batchSize: number, bptt: number): Windows {
  // #region solution 14.3
  throw new NotImplementedError('14.3', 'batchify', 'chapters/chapter-14/README.md#exercise-14-3');
  // #endregion
}
