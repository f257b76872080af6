/**
 * Chapter 10's experiment (listing 10.3): 16 kernels of 3 x 3, tanh, dropout and a softmax
 * output layer, trained on the first 1,000 MNIST images in batches of 128 for 300 passes, and
 * tested on all 10,000 test images.
 *
 * `--iterations N` runs N passes, `--book-schedule` tests after every pass as the book does, and
 * `--resume` continues an interrupted run. `--faithful` runs the book's code: 25 x 25 positions, the book's step (book.ts) with its
 * kernel update sign, and alpha 2 on a delta divided by 128 twice. The default runs the
 * corrected `trainStep` on every one of the 26 x 26 positions with the same step size
 * (alpha 2 / 128 on the mean gradient). Both use 7 batches of 128, i.e. 896 images a pass, as
 * the book does (see the Errata); train accuracy is divided by 1,000 only in the faithful run.
 *
 * Records `train-accuracy` every pass, `test-accuracy` where it is measured, and the final
 * kernels as the series `kernel-<k>` (step i = weight i of the 3 x 3 window, row by row).
 */
import { NDArray, RandomState, rowsView } from '../../kernels';
import { mnistForBook } from '../../kernels/datasets';
import { py2str } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { openLoop } from '../../kernels/resumable';
import { bookTrainStep } from './book';
import { createWorkspace, evaluate, hiddenSize, initCnn, mnistGeometry, trainStep } from './cnn';

export const iterations = 300;
export const batchSize = 128;
export const bookAlpha = 2;
/** The same step for the mean gradient: bookAlpha / batchSize. */
export const alpha = bookAlpha / batchSize;

/**
 * The passes whose test accuracy is measured and printed by default. The book tests after every
 * pass (the most expensive part of the program: 10,000 images through the convolution each time;
 * `--book-schedule` does the same); by default we test the passes the book's printed log shows
 * (0-8 and the last three), every 10th, and 9-19.
 */
export function isTestPass(j: number, total: number = iterations): boolean {
  return j < 20 || j % 10 === 0 || j >= total - 3;
}

/**
 * Fills `mask` with the draws of NumPy's `np.random.randint(2, size=mask.shape)`: for the range
 * {0, 1} NumPy keeps the lowest bit of one 32-bit draw per element (masked rejection with mask 1
 * never rejects), so this equals `random.randint(0, 2, shape)` without allocating an array.
 */
export function fillDropoutMask(random: RandomState, mask: NDArray): void {
  const m = mask.data;
  for (let i = 0; i < m.length; i++) m[i] = random.nextUint32() & 1;
}

/**
 * Trains the network and prints `I:<pass> Test-Acc:<test> Train-Acc:<train>` as each is measured.
 * Checkpoints as it goes; Ctrl-C stops after the current pass and `--resume` continues from it.
 */
export async function run(context: ProgramContext): Promise<void> {
  const total = context.options.iterations ?? iterations;
  const testsPass = (j: number): boolean => context.options.bookSchedule === true || isTestPass(j, total);
  const geometry = mnistGeometry(context.faithful);
  const random = new RandomState(context.seed ?? 1);
  const data = mnistForBook({ trainCount: 1000 });
  const net = initCnn(random, geometry, 10);
  const work = createWorkspace(batchSize, geometry, 10);
  const mask = NDArray.zeros([batchSize, hiddenSize(geometry)]);
  const count = data.images.shape[0];
  const batches = Math.floor(count / batchSize);
  const used = batches * batchSize;
  const loop = openLoop(context, {
    name: context.options.bookSchedule === true ? 'chapter-10-book-schedule' : 'chapter-10',
    iterations: total,
    arrays: [net.kernels, net.weights12],
    randoms: [random],
    state: () => null,
  });
  const progress = context.progress('training', total);
  if (loop.start > 0) progress.update(loop.start);
  try {
    for (let j = loop.start; j < total; j++) {
      let correct = 0;
      let loss = 0;
      for (let i = 0; i < batches; i++) {
        const layer0 = rowsView(data.images, i * batchSize, (i + 1) * batchSize);
        const target = rowsView(data.labels, i * batchSize, (i + 1) * batchSize);
        fillDropoutMask(random, mask);
        const step = context.faithful
          ? bookTrainStep(net, layer0, target, bookAlpha, mask, work)
          : trainStep(net, layer0, target, alpha, mask, geometry);
        correct += step.correct;
        loss += step.loss / batches;
      }
      // The book divides by all 1,000 images although only 896 were seen.
      const trainAccuracy = correct / (context.faithful ? count : used);
      loop.context.record('train-accuracy', j, trainAccuracy);
      if (!context.faithful) loop.context.record('train-loss', j, loss);
      if (testsPass(j)) {
        const testAccuracy = evaluate(net, data.testImages, data.testLabels, geometry).accuracy;
        loop.context.record('test-accuracy', j, testAccuracy);
        loop.context.log(`I:${j} Test-Acc:${py2str(testAccuracy)} Train-Acc:${py2str(trainAccuracy)}`);
      }
      progress.update(j + 1, { 'train-acc': trainAccuracy });
      await loop.completed(j);
    }
  } finally {
    loop.close();
    progress.stop();
  }
  for (let k = 0; k < geometry.numKernels; k++) {
    for (let i = 0; i < geometry.kernelRows * geometry.kernelCols; i++) {
      context.record(`kernel-${k}`, i, net.kernels.data[i * geometry.numKernels + k]);
    }
  }
}

runIfMain(module, run);
