/**
 * Chapter 3's experiment: every prediction the chapter makes, listing by listing, printed the
 * way the book's programs printed them. Nothing is learned yet; the weights are the book's.
 */
import { py2str } from '../../kernels/format';
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { neuralNetwork, scaleVector, stackedNetwork, vectMatMul, weightedSum } from './forward';
import {
  game,
  gameWeights,
  hiddenToPrediction,
  hurtWinSadWeights,
  inputToHidden,
  numberOfToes,
  similarityVectors,
  singleWeight,
  winWeights,
} from './games';
import { matMul, shape, transpose } from './matrices';
import { dot } from './vector-math';

/** A list of floats as Python 2 printed it, e.g. `[0.195, 0.13, 0.585]`. */
function listToString(values: readonly number[]): string {
  return `[${values.map(py2str).join(', ')}]`;
}

/** A matrix of zeros with the given shape. */
function zeros(rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
}

export function run(context: ProgramContext): void {
  const { log } = context;

  log('# one input, one weight: neuralNetwork(numberOfToes[0], 0.1)');
  log(py2str(neuralNetwork(numberOfToes[0], singleWeight)));

  log('');
  log('# three inputs, one output: weightedSum([toes[0], wlrec[0], nfans[0]], [0.1, 0.2, 0])');
  log(py2str(weightedSum(game(0), winWeights)));

  log('');
  log('# the dot product as similarity');
  const { a, b, c, d, e } = similarityVectors;
  const pairs: Array<[string, readonly number[], readonly number[]]> = [
    ['a,b', a, b],
    ['b,c', b, c],
    ['b,d', b, d],
    ['c,c', c, c],
    ['d,d', d, d],
    ['c,e', c, e],
    ['e,e', e, e],
  ];
  for (const [name, left, right] of pairs) {
    log(`dot(${name}) = ${py2str(dot(left, right))}`);
  }

  log('');
  log('# one input, three outputs (hurt?, win?, sad?): scaleVector(wlrec[0], [0.3, 0.2, 0.9])');
  log(listToString(scaleVector(game(0)[1], hurtWinSadWeights)));

  log('');
  log('# three inputs, three outputs: vectMatMul(game 1, weights)');
  log(listToString(vectMatMul(game(0), gameWeights)));

  log('');
  log('# predicting on predictions: input -> hidden -> prediction');
  log(`hidden: ${listToString(vectMatMul(game(0), inputToHidden))}`);
  log(listToString(stackedNetwork(game(0), [inputToHidden, hiddenToPrediction])));

  log('');
  log('# the shape rule of matMul: (a,b) x (b,c) = (a,c)');
  const products: Array<[[number, number], [number, number], boolean]> = [
    [[1, 4], [4, 3], false],
    [[2, 4], [4, 3], false],
    [[2, 1], [1, 3], false],
    [[5, 4], [5, 6], true],
    [[5, 4], [5, 6], false],
  ];
  for (const [[n, k], [kb, m], transposeLeft] of products) {
    const left = transposeLeft ? transpose(zeros(n, k)) : zeros(n, k);
    const label = `[${n},${k}]${transposeLeft ? '^T' : ''} x [${kb},${m}]`;
    try {
      const [rows, columns] = shape(matMul(left, zeros(kb, m)));
      log(`${label} -> (${rows}, ${columns})`);
    } catch (error) {
      log(`${label} -> ${(error as Error).message}`);
    }
  }
}

runIfMain(module, run);
