/**
 * Chapter 12's experiments. First listing 12.1: chapter 11's sentiment network is trained again
 * (on the same data, with its log silenced), each review becomes the mean of its normalised word
 * rows, and the three reviews nearest to "boring awful" are printed. Then listings 12.6-12.11: a linear RNN language model on the first
 * 1,000 lines of bAbI task 1 (the real v1.1 training file, shipped with the course), embedding
 * size 10, identity initial transition, alpha 0.001, 30,000 sentences. Every 1,000 sentences it
 * prints the perplexity of the current sentence, as the book does; at the end, the predictions
 * on "sandra moved to the garden.".
 *
 * The default trains on whole sentences with exact BPTT and prints the guess made after each
 * word. `--faithful` runs the book's code: its shifted hidden deltas, training sentences without
 * their first word, and the book's printout of the prediction made before each word.
 *
 * Records `perplexity` (the printed values) and `perplexity-mean` (over the last 1,000 sentences).
 */
import { NDArray, RandomState, rowNorms } from '../../kernels';
import { buildVocabulary, loadBabiTask1, type Vocabulary } from '../../kernels/datasets';
import { py3repr } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { trainSentiment } from '../../solutions/chapter-11/program';
import { mostSimilarReviews, sentenceVector } from './averaging';
import { bookPredictions, bookRnnTrainStep } from './book';
import { initRnn, perplexity, predictNextWords, rnnTrainStep } from './rnn';

export const embedSize = 10;
export const alpha = 0.001;
export const iterations = 30000;
export const lines = 1000;
/** The book's `sent_index = 4`: "sandra moved to the garden.". */
export const sentenceIndex = 4;

/** The book's tokens: each line lowercased, split on single spaces, without its line number. */
export function babiTokens(text: string, count = lines): string[][] {
  return text
    .split('\n')
    .slice(0, count)
    .map((line) => line.toLowerCase().split(' ').slice(1));
}

/** The book's full printed trajectory (every 1,000 iterations; the middle from the author's notebook). */
export const bookPerplexities = [
  82.09227500075585, 81.87615610433569, 81.53705034457951, 80.88879456876245, 79.50015694256045, 76.04440447063566,
  63.76523100870378, 34.69262611144399, 21.77439314730968, 19.74440305631078, 18.813349002926333, 17.920571868736154,
  16.84823833832929, 15.302868260393344, 12.898616378336536, 9.781678937443305, 7.546724222346714, 6.4277474041777305,
  5.685698933881173, 5.240514920446924, 4.916476504398705, 4.674677629541541, 4.494159385603734, 4.365041755388302,
  4.289971726173599, 4.243384558378477, 4.192001080475404, 4.132556753967558, 4.071667181580819, 4.0167814473718435,
];

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

/** The query of listing 12.1. */
export const reviewQuery = ['boring', 'awful'];

/**
 * Each row scaled to unit length (the corrected `normed_weights`), or, for `--faithful`,
 * multiplied by its squared length as listing 12.1 does.
 */
export function normedWeights(weights: NDArray, faithful: boolean): NDArray {
  const norms = rowNorms(weights).data;
  const [rows, dims] = weights.shape;
  const result = weights.clone();
  for (let i = 0; i < rows; i++) {
    const factor = faithful ? norms[i] ** 2 : norms[i] > 0 ? 1 / norms[i] : 0;
    for (let j = 0; j < dims; j++) result.data[i * dims + j] *= factor;
  }
  return result;
}

/** Listing 12.1: reviews as averaged embeddings of chapter 11's sentiment network, and the three nearest to a query. */
function similarReviews(context: ProgramContext): void {
  const quiet: ProgramContext = { ...context, log: () => undefined, record: () => undefined };
  const { net, vocabulary, reviews } = trainSentiment(quiet);
  const rows = normedWeights(net.weights01, context.faithful);
  const dims = rows.shape[1];
  const vectors = NDArray.zeros([reviews.length, dims]);
  reviews.forEach((review, i) => {
    const ids = review.tokens.filter((w) => vocabulary.index.has(w)).map((w) => vocabulary.index.get(w)!);
    if (ids.length > 0) vectors.data.set(sentenceVector(rows, ids).data, i * dims);
  });
  const query = sentenceVector(rows, reviewQuery.map((w) => vocabulary.index.get(w)!));
  const best = mostSimilarReviews(vectors, query, 3);
  context.log(`Review vectors: chapter 11's sentiment embeddings (trained again here), ${reviews.length} reviews`);
  context.log(`most_similar_reviews(['${reviewQuery.join("', '")}']): [${best.map((i) => `'${reviews[i].text.slice(0, 40)}'`).join(', ')}]`);
}

/** Listing 12.1, then the RNN of listings 12.6-12.11. */
export function run(context: ProgramContext): void {
  similarReviews(context);
  languageModel(context);
}

/** Trains the language model and prints the book-style log. */
export function languageModel(context: ProgramContext): void {
  const babi = loadBabiTask1();
  const tokens = babiTokens(babi.text);
  context.log(`Data: ${babi.source}, first ${tokens.length} lines`);
  // Sorted, so that word ids (and with them each word's random row) do not depend on chance.
  const vocabulary: Vocabulary = buildVocabulary(tokens, { order: 'alphabetical' });
  const encode = (words: readonly string[]): number[] => words.map((w) => vocabulary.index.get(w)!);
  context.log(`Vocabulary: ${vocabulary.words.length} tokens`);
  const random = new RandomState(context.seed ?? 1);
  const model = initRnn(random, vocabulary.words.length, embedSize);
  const progress = context.progress('training', iterations);
  const log: string[] = [];
  let recent = 0;
  let recentWords = 0;
  for (let iter = 0; iter < iterations; iter++) {
    const words = tokens[iter % tokens.length];
    const sentence = encode(context.faithful ? words.slice(1) : words);
    const loss = context.faithful ? bookRnnTrainStep(model, sentence, alpha) : rnnTrainStep(model, sentence, alpha);
    recent += loss;
    recentWords += sentence.length;
    if (iter % 1000 === 0) {
      const value = perplexity(loss, sentence.length);
      context.record('perplexity', iter, value);
      context.record('perplexity-mean', iter, perplexity(recent, recentWords));
      [recent, recentWords] = [0, 0];
      log.push(`Perplexity:${py3repr(value)}`);
      progress.update(iter + 1, { perplexity: value });
    }
  }
  progress.stop();
  for (const line of log) context.log(line);
  const story = tokens[sentenceIndex];
  const guesses = context.faithful ? bookPredictions(model, encode(story)) : predictNextWords(model, encode(story));
  context.log(`[${story.map((w) => `'${w}'`).join(', ')}]`);
  // The book prints one row per word but the last; the corrected guesses are made after the word.
  for (let t = 0; t < story.length - 1; t++) {
    context.log(`${pad(`Prev Input:${story[t]}`, 25)}${pad(`True:${story[t + 1]}`, 25)}Pred:${vocabulary.words[guesses[t]]}`);
  }
}

runIfMain(module, run);
