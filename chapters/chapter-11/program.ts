/**
 * Chapter 11's experiments, on whichever data is present (the log says which):
 *
 * 1. the one-hot encoding of "the cat sat" (listing 11.0);
 * 2. the sentiment network (listings 11.1-11.2): the book's IMDB `reviews.txt` / `labels.txt`
 *    after `npm run data -- imdb` (24,000 train, the last 1,000 test, 2 passes), else the
 *    3,000 UCI review sentences shipped by npm (2,400 train, 600 test, 20 passes); hidden 100,
 *    alpha 0.01; then `similar('beautiful')` and `similar('terrible')` on its embeddings;
 * 3. fill-in-the-blank embeddings with negative sampling (listings 11.4-11.5) on Moby-Dick
 *    (hidden 50, window 2, 5 negatives, alpha 0.05, 2 passes), their neighbours, and analogies
 *    (listing 11.6).
 *
 * `--faithful` runs the book's code: no sigmoid derivative in the sentiment step, accuracy
 * counters never reset, one word of right context, no `1 / |context|`, NumPy's write-once
 * fancy indexing, and the book's analogy with squared norms. Records `train-accuracy` per pass,
 * `test-accuracy`, and `cbow-loss` (mean loss per 10,000 steps).
 */
import { RandomState } from '../../kernels';
import {
  buildVocabulary,
  loadMobyDick,
  loadSentimentCorpus,
  splitOnSpaces,
  tokenize,
  type SentimentCorpus,
  type Vocabulary,
} from '../../kernels/datasets';
import { py3repr } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { bagOfWords, oneHotSentence } from './bag-of-words';
import { bookAnalogy, bookCbowStep, bookSentimentStep } from './book';
import { contextWindow, initCbow, negativeSamplingStep, sampleTargets, type CbowModel } from './negative-sampling';
import { initSentimentNetwork, predictSentiment, sentimentTrainStep, type SentimentNetwork } from './sentiment';
import { analogy, similar, type Neighbour } from './similarity';

export const hiddenSize = 100;
export const alpha = 0.01;
/** Passes over the book's 24,000 IMDB reviews (the book's setting). */
export const imdbIterations = 2;
/** Passes over the 2,400 UCI sentences: ten times fewer examples, so more passes. */
export const sentenceIterations = 20;

export const cbow = { hiddenSize: 50, window: 2, negative: 5, alpha: 0.05, iterations: 2 } as const;

/** The queries the program prints: the book's, where the words exist in the data. */
export const similarityQueries = ['beautiful', 'terrible'] as const;
export const cbowQueries = ['terrible', 'beautiful', 'whale', 'captain', 'sea', 'boat'] as const;
export const analogyQueries: ReadonlyArray<{ positive: string[]; negative: string[] }> = [
  { positive: ['terrible', 'good'], negative: ['bad'] },
  { positive: ['king', 'woman'], negative: ['man'] },
  { positive: ['he', 'her'], negative: ['she'] },
  { positive: ['ahab', 'ship'], negative: ['captain'] },
];

/** A neighbour list as Python prints a list of tuples: `[('terrible', -0.0), ('dull', -0.76)]`. */
export function formatNeighbours(list: readonly Neighbour[]): string {
  // Python quotes a string containing ' with double quotes: "whale's".
  const quote = (word: string): string => (word.includes("'") ? `"${word}"` : `'${word}'`);
  return `[${list.map(([word, score]) => `(${quote(word)}, ${py3repr(score)})`).join(', ')}]`;
}

/** Splits a review as its data source expects: the book's files by single spaces, other text into words. */
export function reviewTokens(text: string, tokenizer: SentimentCorpus['tokenizer']): string[] {
  return tokenizer === 'spaces' ? splitOnSpaces(text).filter((word) => word.length > 0) : tokenize(text);
}

function oneHotDemo(context: ProgramContext): void {
  // The book's table order: cat, the, dog, sat.
  const words = ['cat', 'the', 'dog', 'sat'];
  const table: Vocabulary = { words, index: new Map(words.map((w, i) => [w, i])), counts: [1, 1, 1, 1] };
  const encoding = oneHotSentence(bagOfWords(['the', 'cat', 'sat'], table), words.length);
  context.log(`Sent Encoding:[${Array.from(encoding.data).join(' ')}]`);
}

/** The trained sentiment network, its vocabulary, and the reviews it saw (train, then test). */
export interface TrainedSentiment {
  readonly net: SentimentNetwork;
  readonly vocabulary: Vocabulary;
  readonly reviews: ReadonlyArray<{ text: string; tokens: string[] }>;
}

/**
 * Trains the sentiment network on `loadSentimentCorpus()` and prints the book's log (train and
 * test accuracy, neighbours); chapter 12 reuses the trained embeddings.
 */
export function trainSentiment(context: ProgramContext): TrainedSentiment {
  const corpus = loadSentimentCorpus();
  context.log(`Sentiment data: ${corpus.source}`);
  const trainTokens = corpus.train.map((r) => reviewTokens(r.text, corpus.tokenizer));
  const testTokens = corpus.test.map((r) => reviewTokens(r.text, corpus.tokenizer));
  // The book's vocabulary holds every word of every review, test reviews included.
  const vocabulary = buildVocabulary([...trainTokens, ...testTokens]);
  const trainIds = trainTokens.map((tokens) => bagOfWords(tokens, vocabulary));
  const testIds = testTokens.map((tokens) => bagOfWords(tokens, vocabulary));
  const random = new RandomState(context.seed ?? 1);
  const net = initSentimentNetwork(random, vocabulary.words.length, hiddenSize);
  const iterations = corpus.tokenizer === 'spaces' ? imdbIterations : sentenceIterations;
  const step = context.faithful ? bookSentimentStep : sentimentTrainStep;
  const progress = context.progress('sentiment', iterations * trainIds.length);
  const lines: string[] = [];
  let correct = 0;
  let total = 0;
  for (let iter = 0; iter < iterations; iter++) {
    // The book never resets its counters, so its second pass reports the mean of both.
    if (!context.faithful) [correct, total] = [0, 0];
    for (let i = 0; i < trainIds.length; i++) {
      const { error } = step(net, trainIds[i], corpus.train[i].label, alpha);
      if (error < 0.5) correct++;
      total++;
      if (i % 1000 === 999) progress.update(iter * trainIds.length + i + 1, { 'train-acc': correct / total });
    }
    context.record('train-accuracy', iter, correct / total);
    lines.push(`Iter:${iter} Progress:100% Training Accuracy:${py3repr(correct / total)}${context.faithful ? '%' : ''}`);
  }
  progress.stop();
  for (const line of lines) context.log(line);
  let testCorrect = 0;
  for (let i = 0; i < testIds.length; i++) {
    if (Math.abs(predictSentiment(net, testIds[i]).output - corpus.test[i].label) < 0.5) testCorrect++;
  }
  context.record('test-accuracy', iterations - 1, testCorrect / testIds.length);
  context.log(`Test Accuracy:${py3repr(testCorrect / testIds.length)}`);
  for (const word of similarityQueries) {
    if (vocabulary.index.has(word)) context.log(`similar('${word}'): ${formatNeighbours(similar(net.weights01, vocabulary, word))}`);
  }
  const reviews = [...corpus.train, ...corpus.test].map((r, i) => ({ text: r.text, tokens: i < trainTokens.length ? trainTokens[i] : testTokens[i - trainTokens.length] }));
  return { net, vocabulary, reviews };
}

/** Moby-Dick as documents of word ids (one per paragraph), its vocabulary, and the id stream. */
export function mobyDickDocuments(): { documents: number[][]; vocabulary: Vocabulary; concatenated: Int32Array; source: string } {
  const { text, source } = loadMobyDick();
  const paragraphs = text.split(/\n\s*\n/).map(tokenize).filter((words) => words.length > 1);
  const vocabulary = buildVocabulary(paragraphs);
  const documents = paragraphs.map((words) => words.map((w) => vocabulary.index.get(w)!));
  return { documents, vocabulary, concatenated: Int32Array.from(documents.flat()), source };
}

/** Trains the fill-in-the-blank embeddings on Moby-Dick and prints neighbours and analogies. */
function fillInTheBlank(context: ProgramContext): void {
  const { documents, vocabulary, concatenated, source } = mobyDickDocuments();
  context.log(`Fill-in-the-blank data: ${source}, ${documents.length} paragraphs, ${concatenated.length} words, vocabulary ${vocabulary.words.length}`);
  const random = new RandomState(context.seed ?? 1);
  const model: CbowModel = initCbow(random, vocabulary.words.length, cbow.hiddenSize);
  random.shuffle(documents);
  const rightWindow = context.faithful ? cbow.window - 1 : cbow.window;
  const steps = cbow.iterations * concatenated.length;
  const progress = context.progress('fill-in-the-blank', steps);
  let done = 0;
  let lossSum = 0;
  for (let iter = 0; iter < cbow.iterations; iter++) {
    for (const review of documents) {
      for (let t = 0; t < review.length; t++) {
        const targets = sampleTargets(review[t], concatenated, cbow.negative, random);
        const context01 = contextWindow(review, t, cbow.window, rightWindow);
        if (context.faithful) bookCbowStep(model, context01, targets, cbow.alpha);
        else lossSum += negativeSamplingStep(model, context01, targets, cbow.alpha);
        done++;
        if (done % 10000 === 0) {
          if (!context.faithful) context.record('cbow-loss', done, lossSum / 10000);
          lossSum = 0;
          progress.update(done);
        }
      }
    }
  }
  progress.stop();
  for (const word of cbowQueries) {
    if (vocabulary.index.has(word)) context.log(`similar('${word}'): ${formatNeighbours(similar(model.weights01, vocabulary, word))}`);
  }
  for (const { positive, negative } of analogyQueries) {
    if (![...positive, ...negative].every((w) => vocabulary.index.has(w))) continue;
    const result = context.faithful
      ? bookAnalogy(model.weights01, vocabulary, positive, negative)
      : analogy(model.weights01, vocabulary, positive, negative, 9);
    context.log(`analogy(${positive.join(' + ')} - ${negative.join(' - ')}): ${formatNeighbours(result)}`);
  }
}

/** Runs the three experiments in the book's order. */
export function run(context: ProgramContext): void {
  oneHotDemo(context);
  trainSentiment(context);
  fillInTheBlank(context);
}

runIfMain(module, run);
