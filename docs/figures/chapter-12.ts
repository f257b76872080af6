/**
 * Figures of chapter 12. The unrolled diagram is drawn by hand; the perplexity curves run the
 * chapter's language model twice at build time (as `npm run chapter -- 12 --solution` and `--faithful` do,
 * 30,000 short sentences each, a few seconds) and set them beside the book's printed run.
 */
import { consoleContext } from '../../kernels/program';
import { bookPerplexities, languageModel } from '../../solutions/chapter-12/program';
import type { FigureGenerator } from './index';
import { arrow, box, lineChart, palette, place, svgDocument, text } from './svg';

function unrolled(): string {
  const parts: string[] = [];
  const labels = ['start', 'after "red"', 'after "sox"', 'after "defeat"'];
  const words = ['red', 'sox', 'defeat'];
  const next = ['red', 'sox', 'defeat', 'yankees'];
  labels.forEach((label, i) => {
    const x = 30 + i * 170;
    parts.push(box(x, 110, 120, 44, [label], { size: 13 }));
    parts.push(arrow(x + 60, 110, x + 60, 66, palette.blue));
    parts.push(text(x + 60, 40, `softmax: "${next[i]}"?`, { anchor: 'middle', size: 12, colour: palette.blue }));
    parts.push(text(x + 66, 90, 'decoder', { size: 11, colour: palette.muted }));
    if (i > 0) {
      parts.push(arrow(x - 50, 132, x, 132, palette.orange));
      parts.push(text(x - 25, 124, 'recurrent', { anchor: 'middle', size: 11, colour: palette.orange }));
      parts.push(arrow(x + 60, 210, x + 60, 154, palette.green));
      parts.push(text(x + 60, 226, `embed["${words[i - 1]}"]`, { anchor: 'middle', size: 12, colour: palette.green }));
    }
  });
  parts.push(text(360, 262, 'hidden_t+1 = hidden_t . recurrent + embed[word_t];  prediction_t = softmax(hidden_t . decoder)', { anchor: 'middle', size: 12 }));
  return svgDocument(720, 280, 'A linear RNN unrolled over three words', parts.join(''));
}

function perplexityRun(faithful: boolean): Array<[number, number]> {
  const context = { ...consoleContext({ faithful }), log: () => undefined };
  languageModel(context);
  return context.metrics['perplexity'] ?? [];
}

function perplexity(): string {
  const chart = lineChart({
    width: 640,
    height: 360,
    xLabel: 'training sentences (iteration)',
    yLabel: 'perplexity (one sentence)',
    logY: true,
    series: [
      { label: 'book (printed)', points: bookPerplexities.map((value, i): [number, number] => [i * 1000, value]), colour: palette.muted, dash: '5 4' },
      { label: '--faithful (ours)', points: perplexityRun(true), colour: palette.orange },
      { label: 'corrected (ours)', points: perplexityRun(false), colour: palette.blue },
    ],
  });
  return svgDocument(chart.width, chart.height, 'Perplexity of the bAbI language model during training', place(chart, 0, 0));
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-12/unrolled': unrolled,
  'chapter-12/perplexity': perplexity,
};
