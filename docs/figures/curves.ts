/** Accuracy curves of recorded training runs (chapters 8-10): a line chart with the legend where the curves are not. */
import { circle, line, lineChart, niceTicks, palette, px, text, type Series } from './svg';

export interface Curve {
  readonly label: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly colour: string;
  readonly dash?: string;
  /** Dots at the points (for series measured only every few passes). */
  readonly markers?: boolean;
}

/** A labelled point: a ring around it and its text beside it. */
export interface Mark {
  readonly at: readonly [number, number];
  readonly label: string;
  readonly colour: string;
  /** Which side of the point the text goes (default above). */
  readonly placement?: 'above' | 'below';
}

export interface AccuracyChartOptions {
  readonly curves: readonly Curve[];
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Default: 0 to the last step recorded. */
  readonly xDomain?: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
  /** Where the legend box sits inside the plot. */
  readonly legend: 'top-right' | 'bottom-right' | 'top-left';
  readonly marks?: readonly Mark[];
  /** Extra SVG under the marks and the legend, given the scales. */
  readonly overlay?: (x: (value: number) => number, y: (value: number) => number) => string;
  /** Default: the data's range widened to multiples of 0.05. */
  readonly yDomain?: readonly [number, number];
}

/** [low, high] of the values, widened to the nearest ticks, so both ends of the axis are labelled. */
export function paddedDomain(values: readonly number[]): [number, number] {
  const snap = (value: number): number => Number(value.toFixed(6));
  let domain: [number, number] = [Math.min(...values), Math.max(...values)];
  // Widening can change the tick step the chart picks; repeat until both ends are ticks of it.
  for (let round = 0; round < 4; round += 1) {
    const ticks = niceTicks(domain[0], domain[1]);
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : 0.05;
    const next: [number, number] = [snap(Math.floor(domain[0] / step + 1e-9) * step), snap(Math.ceil(domain[1] / step - 1e-9) * step)];
    if (next[0] === domain[0] && next[1] === domain[1]) break;
    domain = next;
  }
  return domain;
}

/** Curves (accuracy against the training pass, by default) with a legend box inside the plot. */
export function accuracyChart(options: AccuracyChartOptions): { width: number; height: number; body: string } {
  const all = options.curves.flatMap((curve) => curve.points);
  const xDomain = options.xDomain ?? [0, Math.max(...all.map(([step]) => step))];
  const yDomain = options.yDomain ?? paddedDomain(all.map(([, value]) => value));
  const series: Series[] = options.curves.map((curve) => ({
    points: curve.points,
    colour: curve.colour,
    dash: curve.dash,
    markers: curve.markers,
  }));
  const legendWidth = 12 + 34 + Math.max(...options.curves.map((curve) => curve.label.length)) * 6.6;
  const legendHeight = 10 + options.curves.length * 18;
  return lineChart({
    width: options.width ?? 640,
    height: options.height ?? 340,
    xLabel: options.xLabel ?? 'pass through the training images (iteration)',
    yLabel: options.yLabel ?? 'accuracy',
    xDomain,
    yDomain,
    series,
    overlay: (x, y) => {
      const parts: string[] = [options.overlay?.(x, y) ?? ''];
      for (const mark of options.marks ?? []) {
        const [cx, cy] = [x(mark.at[0]), y(mark.at[1])];
        parts.push(circle(cx, cy, 6, 'none', mark.colour, 1.5));
        // Text right of a point in the left half of the plot, left of one in the right half, so it stays inside.
        const rightHalf = mark.at[0] > (xDomain[0] + xDomain[1]) / 2;
        parts.push(
          text(rightHalf ? cx - 8 : cx + 8, mark.placement === 'below' ? cy + 20 : cy - 10, mark.label, {
            size: 12,
            colour: mark.colour,
            weight: 'bold',
            anchor: rightHalf ? 'end' : 'start',
          }),
        );
      }
      const [left, right, top, bottom] = [x(xDomain[0]), x(xDomain[1]), y(yDomain[1]), y(yDomain[0])];
      const boxX = options.legend === 'top-left' ? left + 12 : right - legendWidth - 8;
      const boxY = options.legend === 'bottom-right' ? bottom - legendHeight - 10 : top + 8;
      parts.push(`<rect x="${px(boxX)}" y="${px(boxY)}" width="${px(legendWidth)}" height="${px(legendHeight)}" fill="#ffffff" fill-opacity="0.9" stroke="${palette.grid}" rx="4"/>`);
      options.curves.forEach((curve, i) => {
        const ly = boxY + 14 + i * 18;
        parts.push(line(boxX + 8, ly, boxX + 34, ly, curve.colour, 2.5, curve.dash));
        if (curve.markers) parts.push(circle(boxX + 21, ly, 3.5, curve.colour, '#ffffff', 1));
        parts.push(text(boxX + 40, ly, curve.label, { baseline: 'middle', size: 12 }));
      });
      return parts.join('');
    },
  });
}
