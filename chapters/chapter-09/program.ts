/**
 * Chapter 9's experiment (listing 9.3): the MNIST network of chapter 8 with a tanh hidden layer
 * of 100 units, dropout, and a softmax output, trained on the first 1,000 images in batches of
 * 100 for 300 passes. Prints the book's log every 10 passes.
 *
 * `--iterations N` runs N passes instead of 300 (`--resume` continues an interrupted run).
 * `--faithful` runs the book's step (book.ts) with alpha 2; the default runs the corrected
 * `trainStep`, whose alpha 0.02 on the mean gradient is the same step size (see the Errata).
 */
import { RandomState, rowsView } from '../../kernels';
import { mnistForBook } from '../../kernels/datasets';
import { py2str } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { openLoop } from '../../kernels/resumable';
import { bookTrainStep } from './book';
import { evaluate, initNetwork, trainStep } from './network';

export const iterations = 300;
export const hiddenSize = 100;
export const batchSize = 100;
/** The book's alpha, applied to a delta divided by batchSize twice. */
export const bookAlpha = 2;
/** The same step for the mean gradient: bookAlpha / batchSize. */
export const alpha = bookAlpha / batchSize;

/**
 * Trains the network and prints `I:<pass> Test-Acc:<test> Train-Acc:<train>` every 10 passes,
 * each line as soon as it is measured. Checkpoints after every pass; Ctrl-C stops after the
 * current one and `--resume` continues from it.
 */
export async function run(context: ProgramContext): Promise<void> {
  const total = context.options.iterations ?? iterations;
  const random = new RandomState(context.seed ?? 1);
  const data = mnistForBook({ trainCount: 1000 });
  const net = initNetwork(random, 784, hiddenSize, 10);
  const count = data.images.shape[0];
  const batches = Math.floor(count / batchSize);
  const loop = openLoop(context, { name: 'chapter-09', iterations: total, arrays: [net.weights01, net.weights12], randoms: [random], state: () => null });
  const progress = context.progress('training', total);
  if (loop.start > 0) progress.update(loop.start);
  try {
    for (let j = loop.start; j < total; j++) {
      let correct = 0;
      let loss = 0;
      for (let i = 0; i < batches; i++) {
        const layer0 = rowsView(data.images, i * batchSize, (i + 1) * batchSize);
        const target = rowsView(data.labels, i * batchSize, (i + 1) * batchSize);
        const mask = random.randint(0, 2, [batchSize, hiddenSize]);
        const step = context.faithful
          ? bookTrainStep(net, layer0, target, bookAlpha, mask)
          : trainStep(net, layer0, target, alpha, mask);
        correct += step.correct;
        loss += step.loss / batches;
      }
      const trainAccuracy = correct / count;
      loop.context.record('train-accuracy', j, trainAccuracy);
      if (!context.faithful) loop.context.record('train-loss', j, loss);
      // The book measures the test set after every pass but prints every 10th; the others cannot
      // change anything, so only the printed ones are computed.
      if (j % 10 === 0 || j === total - 1) {
        const testAccuracy = evaluate(net, data.testImages, data.testLabels).accuracy;
        loop.context.record('test-accuracy', j, testAccuracy);
        if (j % 10 === 0) loop.context.log(`I:${j} Test-Acc:${py2str(testAccuracy)} Train-Acc:${py2str(trainAccuracy)}`);
      }
      progress.update(j + 1, { 'train-acc': trainAccuracy });
      await loop.completed(j);
    }
  } finally {
    loop.close();
    progress.stop();
  }
}

runIfMain(module, run);
