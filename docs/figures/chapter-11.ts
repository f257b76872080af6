/**
 * Figures of chapter 11. The embedding diagram shows the book's "the cat sat" example; the
 * polarity scatter trains the chapter's sentiment network on the UCI sentences at build time
 * (solutions/chapter-11, 20 passes, a few seconds) and projects chosen words' rows onto their two
 * principal directions.
 */
import { RandomState } from '../../kernels';
import { buildVocabulary, splitSentimentSentences } from '../../kernels/datasets';
import { bagOfWords } from '../../solutions/chapter-11/bag-of-words';
import { alpha, hiddenSize, reviewTokens, sentenceIterations } from '../../solutions/chapter-11/program';
import { initSentimentNetwork, sentimentTrainStep } from '../../solutions/chapter-11/sentiment';
import type { FigureGenerator } from './index';
import { arrow, circle, formatNumber, line, palette, rect, svgDocument, text } from './svg';

function embeddingRows(): string {
  const words = ['cat', 'the', 'dog', 'sat'];
  const present = [true, true, false, true];
  const weights = new RandomState(3).uniform([4, 5], -1, 1);
  const cell = 40;
  const parts: string[] = [];
  const top = 60;
  parts.push(text(60, 22, 'one-hot', { size: 13, weight: 'bold', anchor: 'middle' }));
  parts.push(text(60, 40, '"the cat sat"', { size: 12, anchor: 'middle', colour: palette.muted }));
  words.forEach((word, i) => {
    const y = top + i * cell;
    parts.push(rect(40, y, cell, cell - 4, present[i] ? palette.fill : '#ffffff', palette.nodeStroke, 4));
    parts.push(text(60, y + 18, present[i] ? '1' : '0', { anchor: 'middle', baseline: 'middle', size: 14 }));
    parts.push(text(32, y + 18, word, { anchor: 'end', baseline: 'middle', size: 12, colour: palette.muted }));
  });
  parts.push(text(250, 22, 'weights_0_1', { size: 13, weight: 'bold', anchor: 'middle' }));
  parts.push(text(250, 40, 'one row per word', { size: 12, anchor: 'middle', colour: palette.muted }));
  words.forEach((_, i) => {
    const y = top + i * cell;
    for (let j = 0; j < 5; j++) {
      const value = weights.get(i, j);
      const fill = present[i] ? palette.fill : '#f6f8fa';
      parts.push(rect(150 + j * 40, y, 38, cell - 4, fill, present[i] ? palette.nodeStroke : palette.grid, 2));
      parts.push(text(169 + j * 40, y + 18, formatNumber(value, 2), { anchor: 'middle', baseline: 'middle', size: 11, colour: present[i] ? palette.text : palette.axis }));
    }
    if (present[i]) parts.push(arrow(84, y + 18, 146, y + 18, palette.blue, 1.5));
  });
  const sums = [0, 1, 2, 3, 4].map((j) => [0, 1, 3].reduce((s, i) => s + weights.get(i, j), 0));
  const sumY = top + 4 * cell + 40;
  parts.push(line(150, sumY - 16, 350, sumY - 16, palette.axis));
  parts.push(text(140, sumY + 18, 'sum of the 3 rows =', { anchor: 'end', baseline: 'middle', size: 12 }));
  sums.forEach((value, j) => {
    parts.push(rect(150 + j * 40, sumY, 38, cell - 4, '#fff1e5', palette.orange, 2));
    parts.push(text(169 + j * 40, sumY + 18, formatNumber(value, 2), { anchor: 'middle', baseline: 'middle', size: 11 }));
  });
  parts.push(text(210, sumY + 58, 'the hidden layer: exactly one-hot x weights_0_1', { anchor: 'middle', size: 12, colour: palette.muted }));
  return svgDocument(420, sumY + 74, 'The embedding layer: the one-hot product equals the sum of the selected rows', parts.join(''));
}

const positiveWords = ['great', 'good', 'love', 'excellent', 'best', 'amazing', 'awesome', 'perfect', 'delicious', 'wonderful', 'nice', 'loved', 'fantastic', 'beautiful', 'friendly', 'recommend'];
const negativeWords = ['bad', 'worst', 'terrible', 'waste', 'poor', 'awful', 'horrible', 'disappointed', 'boring', 'stupid', 'bland', 'rude', 'slow', 'disappointing', 'mediocre', 'unfortunately'];

/** The top two principal directions of the rows (power iteration on the covariance, deflated). */
function principalPlane(rows: number[][]): number[][] {
  const dims = rows[0].length;
  const centre = Array.from({ length: dims }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
  const centred = rows.map((r) => r.map((x, j) => x - centre[j]));
  const directions: number[][] = [];
  for (let k = 0; k < 2; k++) {
    let v = Array.from({ length: dims }, (_, j) => Math.cos(j + k));
    for (let iter = 0; iter < 200; iter++) {
      const next = new Array<number>(dims).fill(0);
      for (const r of centred) {
        const p = r.reduce((s, x, j) => s + x * v[j], 0);
        for (let j = 0; j < dims; j++) next[j] += p * r[j];
      }
      for (const d of directions) {
        const p = next.reduce((s, x, j) => s + x * d[j], 0);
        for (let j = 0; j < dims; j++) next[j] -= p * d[j];
      }
      const length = Math.hypot(...next);
      v = next.map((x) => x / length);
    }
    directions.push(v);
  }
  return centred.map((r) => directions.map((d) => r.reduce((s, x, j) => s + x * d[j], 0)));
}

function polarity(): string {
  const corpus = splitSentimentSentences();
  const train = corpus.train.map((r) => reviewTokens(r.text, corpus.tokenizer));
  const vocabulary = buildVocabulary([...train, ...corpus.test.map((r) => reviewTokens(r.text, corpus.tokenizer))]);
  const net = initSentimentNetwork(new RandomState(1), vocabulary.words.length, hiddenSize);
  const ids = train.map((tokens) => bagOfWords(tokens, vocabulary));
  for (let pass = 0; pass < sentenceIterations; pass++) {
    for (let i = 0; i < ids.length; i++) sentimentTrainStep(net, ids[i], corpus.train[i].label, alpha);
  }
  const words = [...positiveWords, ...negativeWords].filter((w) => vocabulary.index.has(w));
  const rows = words.map((w) => {
    const i = vocabulary.index.get(w)!;
    return Array.from(net.weights01.data.subarray(i * hiddenSize, (i + 1) * hiddenSize));
  });
  const points = principalPlane(rows);
  const width = 640;
  const height = 460;
  const pad = 60;
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [xMin, xMax, yMin, yMax] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => pad + ((x - xMin) / (xMax - xMin || 1)) * (width - 2 * pad);
  const sy = (y: number) => height - pad - ((y - yMin) / (yMax - yMin || 1)) * (height - 2 * pad);
  const parts: string[] = [];
  parts.push(text(width / 2, 24, 'sentiment embeddings, first two principal directions', { anchor: 'middle', size: 14, weight: 'bold' }));
  points.forEach(([x, y], k) => {
    const positive = positiveWords.includes(words[k]);
    const colour = positive ? palette.blue : palette.orange;
    parts.push(circle(sx(x), sy(y), 4, colour));
    parts.push(text(sx(x) + 6, sy(y) - 6, words[k], { size: 11, colour }));
  });
  parts.push(circle(40, height - 20, 4, palette.blue), text(50, height - 16, 'positive words', { size: 12 }));
  parts.push(circle(170, height - 20, 4, palette.orange), text(180, height - 16, 'negative words', { size: 12 }));
  return svgDocument(width, height, 'Word embeddings of the sentiment network, positive and negative words', parts.join(''));
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-11/embedding-rows': embeddingRows,
  'chapter-11/polarity': polarity,
};

