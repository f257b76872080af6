/**
 * Hand-made SVG helpers for the course figures: line charts (nice ticks, optional log scale),
 * heatmaps with a diverging colour scale, bar charts, network diagrams and simple boxes and
 * arrows. Every helper returns SVG markup as a string; `svgDocument` wraps parts into a file.
 *
 * Output is deterministic: numbers are rounded to a fixed precision and nothing depends on the
 * clock or on unseeded randomness, so the same data gives the same bytes.
 */

import { encodePng, hexToRgb } from './png';

export const palette = {
  text: '#1f2328',
  muted: '#59636e',
  grid: '#e4e8ec',
  axis: '#8c959f',
  blue: '#0b5cad',
  orange: '#d1580b',
  green: '#1a7f37',
  purple: '#7c3aed',
  red: '#cf222e',
  node: '#ffffff',
  nodeStroke: '#0b5cad',
  fill: '#e7f0fb',
} as const;

/** The colours given to successive series of a chart. */
export const seriesColours = [palette.blue, palette.orange, palette.green, palette.purple, palette.red];

/** Rounds for output: at most 2 decimals of a pixel, no "-0". */
export function px(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number as a short label: "0.1", "-1.19", "1e-4". */
export function formatNumber(value: number, digits = 3): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) {
    const [mantissa, exponent] = value.toExponential(Math.max(0, digits - 1)).split('e');
    return `${String(Number(mantissa))}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(digits)));
}

export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  colour?: string;
  italic?: boolean;
  /** Vertical alignment; "middle" centres the text on y. */
  baseline?: 'alphabetic' | 'middle' | 'hanging';
  rotate?: number;
}

export function text(x: number, y: number, content: string, options: TextOptions = {}): string {
  const attrs = [`x="${px(x)}"`, `y="${px(y)}"`];
  if (options.size !== undefined) attrs.push(`font-size="${px(options.size)}"`);
  if (options.anchor && options.anchor !== 'start') attrs.push(`text-anchor="${options.anchor}"`);
  if (options.weight === 'bold') attrs.push('font-weight="bold"');
  if (options.italic) attrs.push('font-style="italic"');
  if (options.colour) attrs.push(`fill="${options.colour}"`);
  if (options.baseline === 'middle') attrs.push('dominant-baseline="central"');
  if (options.baseline === 'hanging') attrs.push('dominant-baseline="hanging"');
  if (options.rotate) attrs.push(`transform="rotate(${px(options.rotate)} ${px(x)} ${px(y)})"`);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, colour: string = palette.axis, width = 1, dash?: string): string {
  const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" stroke="${colour}" stroke-width="${px(width)}"${dashAttr}/>`;
}

export function rect(x: number, y: number, width: number, height: number, fill: string, stroke = 'none', radius = 0): string {
  const r = radius > 0 ? ` rx="${px(radius)}"` : '';
  const s = stroke === 'none' ? '' : ` stroke="${stroke}"`;
  return `<rect x="${px(x)}" y="${px(y)}" width="${px(width)}" height="${px(height)}" fill="${fill}"${s}${r}/>`;
}

export function circle(cx: number, cy: number, r: number, fill: string, stroke = 'none', width = 1.5): string {
  const s = stroke === 'none' ? '' : ` stroke="${stroke}" stroke-width="${px(width)}"`;
  return `<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(r)}" fill="${fill}"${s}/>`;
}

export function polyline(points: ReadonlyArray<readonly [number, number]>, colour: string, width = 2, dash?: string): string {
  const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
  const d = points.map(([x, y]) => `${px(x)},${px(y)}`).join(' ');
  return `<polyline points="${d}" fill="none" stroke="${colour}" stroke-width="${px(width)}" stroke-linejoin="round"${dashAttr}/>`;
}

/** A straight arrow from (x1, y1) to (x2, y2), its head drawn as a small triangle. */
export function arrow(x1: number, y1: number, x2: number, y2: number, colour: string = palette.muted, width = 1.5): string {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = 8;
  const left: [number, number] = [x2 - head * Math.cos(angle - 0.4), y2 - head * Math.sin(angle - 0.4)];
  const right: [number, number] = [x2 - head * Math.cos(angle + 0.4), y2 - head * Math.sin(angle + 0.4)];
  const shaftEnd: [number, number] = [x2 - head * 0.8 * Math.cos(angle), y2 - head * 0.8 * Math.sin(angle)];
  return (
    line(x1, y1, shaftEnd[0], shaftEnd[1], colour, width) +
    `<polygon points="${px(x2)},${px(y2)} ${px(left[0])},${px(left[1])} ${px(right[0])},${px(right[1])}" fill="${colour}"/>`
  );
}

/** A rounded box with centred lines of text. */
export function box(x: number, y: number, width: number, height: number, lines: readonly string[], options: { fill?: string; stroke?: string; size?: number; bold?: boolean } = {}): string {
  const size = options.size ?? 14;
  const parts = [rect(x, y, width, height, options.fill ?? palette.fill, options.stroke ?? palette.nodeStroke, 6)];
  const top = y + height / 2 - ((lines.length - 1) * size * 1.25) / 2;
  lines.forEach((content, i) => {
    parts.push(text(x + width / 2, top + i * size * 1.25, content, { size, anchor: 'middle', baseline: 'middle', weight: options.bold && i === 0 ? 'bold' : 'normal' }));
  });
  return parts.join('');
}

/** Wraps parts into a standalone SVG file with a title (for screen readers) and a white background. */
export function svgDocument(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" font-family="system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif" font-size="13" fill="${palette.text}">
<title>${escapeXml(title)}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
${body}
</svg>
`;
}

/** Places parts side by side (or in a grid of `columns`), each translated into its cell. */
export function grid(cells: ReadonlyArray<{ width: number; height: number; body: string }>, columns: number, gap = 16): { width: number; height: number; body: string } {
  const cellWidth = Math.max(...cells.map((cell) => cell.width));
  const cellHeight = Math.max(...cells.map((cell) => cell.height));
  const rows = Math.ceil(cells.length / columns);
  const body = cells
    .map((cell, i) => `<g transform="translate(${px((i % columns) * (cellWidth + gap))} ${px(Math.floor(i / columns) * (cellHeight + gap))})">${cell.body}</g>`)
    .join('\n');
  return { width: columns * cellWidth + (columns - 1) * gap, height: rows * cellHeight + (rows - 1) * gap, body };
}

// ---------------------------------------------------------------------------------------------
// Scales and ticks

/** "Nice" tick values covering [min, max]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step - 1e-9) * step; value <= max + step * 1e-9; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks;
}

/** Powers of ten covering [min, max] (both > 0). */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e += 1) ticks.push(10 ** e);
  return ticks;
}

export interface Series {
  readonly label?: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly colour?: string;
  readonly dash?: string;
  /** Draw a dot at each point (for steps). */
  readonly markers?: boolean;
  /** Draw the connecting line (default true). */
  readonly line?: boolean;
  /** Label each marker with its index (0, 1, 2...). */
  readonly numbered?: boolean;
}

export interface LineChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly series: readonly Series[];
  readonly logY?: boolean;
  /** Fixed axis ranges; by default the data's range (y from 0 when all values are >= 0). */
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Extra SVG drawn in the plot, given the scales. */
  readonly overlay?: (x: (value: number) => number, y: (value: number) => number) => string;
}

/** A line chart with axes, nice ticks, an optional log y axis and a legend. Returns a part. */
export function lineChart(options: LineChartOptions): { width: number; height: number; body: string } {
  const width = options.width ?? 560;
  const height = options.height ?? 340;
  const margin = { top: options.title ? 34 : 16, right: 20, bottom: options.xLabel ? 46 : 30, left: 64 };
  const all = options.series.flatMap((series) => series.points);
  const xs = all.map(([x]) => x);
  const ys = all.map(([, y]) => y).filter((y) => (options.logY ? y > 0 : Number.isFinite(y)));
  const xDomain = options.xDomain ?? [Math.min(...xs), Math.max(...xs)];
  let yDomain: readonly [number, number];
  if (options.yDomain) yDomain = options.yDomain;
  else if (options.logY) yDomain = [10 ** Math.floor(Math.log10(Math.min(...ys))), 10 ** Math.ceil(Math.log10(Math.max(...ys)))];
  else {
    const low = Math.min(...ys);
    const high = Math.max(...ys);
    const ticks = niceTicks(low >= 0 ? 0 : low, high);
    yDomain = [Math.min(ticks[0], low >= 0 ? 0 : low), Math.max(ticks[ticks.length - 1], high)];
  }
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const x = (value: number): number => margin.left + ((value - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * plotW;
  const y = options.logY
    ? (value: number): number =>
        margin.top + plotH - ((Math.log10(Math.max(value, yDomain[0])) - Math.log10(yDomain[0])) / (Math.log10(yDomain[1]) - Math.log10(yDomain[0]) || 1)) * plotH
    : (value: number): number => margin.top + plotH - ((value - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * plotH;

  const parts: string[] = [];
  const yTicks = options.logY ? logTicks(yDomain[0], yDomain[1]) : niceTicks(yDomain[0], yDomain[1]);
  for (const tick of yTicks) {
    if (tick < yDomain[0] - 1e-12 || tick > yDomain[1] + 1e-12) continue;
    parts.push(line(margin.left, y(tick), margin.left + plotW, y(tick), palette.grid));
    parts.push(text(margin.left - 8, y(tick), formatNumber(tick), { anchor: 'end', baseline: 'middle', size: 12, colour: palette.muted }));
  }
  for (const tick of niceTicks(xDomain[0], xDomain[1], 6)) {
    if (tick < xDomain[0] - 1e-12 || tick > xDomain[1] + 1e-12) continue;
    parts.push(line(x(tick), margin.top + plotH, x(tick), margin.top + plotH + 5, palette.axis));
    parts.push(text(x(tick), margin.top + plotH + 18, formatNumber(tick), { anchor: 'middle', size: 12, colour: palette.muted }));
  }
  parts.push(line(margin.left, margin.top + plotH, margin.left + plotW, margin.top + plotH, palette.axis));
  parts.push(line(margin.left, margin.top, margin.left, margin.top + plotH, palette.axis));
  if (options.title) parts.push(text(margin.left, 20, options.title, { size: 14, weight: 'bold' }));
  if (options.xLabel) parts.push(text(margin.left + plotW / 2, height - 8, options.xLabel, { anchor: 'middle', size: 13, colour: palette.muted }));
  if (options.yLabel) parts.push(text(16, margin.top + plotH / 2, options.yLabel, { anchor: 'middle', size: 13, colour: palette.muted, rotate: -90 }));

  parts.push(`<clipPath id="plot-clip-${px(width)}-${px(height)}"><rect x="${px(margin.left)}" y="${px(margin.top - 4)}" width="${px(plotW + 4)}" height="${px(plotH + 8)}"/></clipPath>`);
  const clipped: string[] = [];
  options.series.forEach((series, i) => {
    const colour = series.colour ?? seriesColours[i % seriesColours.length];
    const points = series.points.map(([px_, py]) => [x(px_), y(py)] as const);
    if (series.line !== false) clipped.push(polyline(points, colour, 2, series.dash));
    if (series.markers) {
      points.forEach(([cx, cy], k) => {
        clipped.push(circle(cx, cy, 4.5, colour, '#ffffff', 1.5));
        if (series.numbered) clipped.push(text(cx + 7, cy - 7, String(k), { size: 11, colour }));
      });
    }
  });
  if (options.overlay) clipped.push(options.overlay(x, y));
  parts.push(`<g clip-path="url(#plot-clip-${px(width)}-${px(height)})">${clipped.join('')}</g>`);

  const labelled = options.series.filter((series) => series.label);
  labelled.forEach((series, i) => {
    const colour = series.colour ?? seriesColours[options.series.indexOf(series) % seriesColours.length];
    const ly = margin.top + 10 + i * 18;
    const lx = margin.left + plotW - 150;
    parts.push(line(lx, ly, lx + 22, ly, colour, 2.5, series.dash));
    parts.push(text(lx + 28, ly, series.label!, { baseline: 'middle', size: 12 }));
  });
  return { width, height, body: parts.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// Heatmaps and bars

/**
 * A diverging colour for value / limit in [-1, 1]: blue for negative, white for 0, red for
 * positive (warm is positive).
 */
export function divergingColour(value: number, limit: number): string {
  const t = Math.max(-1, Math.min(1, limit > 0 ? value / limit : 0));
  const cold = [33, 102, 172];
  const warm = [178, 24, 43];
  const target = t < 0 ? cold : warm;
  const s = Math.abs(t);
  const channel = (k: number): number => Math.round(255 + (target[k] - 255) * s);
  const hex = (n: number): string => n.toString(16).padStart(2, '0');
  return dataColour(`#${hex(channel(0))}${hex(channel(1))}${hex(channel(2))}`);
}

/** Pure white is the theme's background colour (it turns dark with the page); data white stays white. */
function dataColour(hex: string): string {
  return hex === '#ffffff' ? '#fefefe' : hex;
}

/**
 * The text colour for a label drawn on a data colour (a heatmap cell, a shaded value): white on
 * dark cells, near-black on light ones. Neither is a theme colour, so the label stays readable
 * on its cell in both themes (data colours do not change with the theme).
 */
export function inkOn(fill: string): string {
  const [r, g, b] = hexToRgb(fill).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.3 ? '#ffffff' : '#161b1f';
}

/** An opaque colour: `hex` drawn with `alpha` over white (so it does not change with the theme's background). */
export function overWhite(hex: string, alpha: number): string {
  const channel = (c: number): string => Math.round(255 + (c - 255) * Math.max(0, Math.min(1, alpha))).toString(16).padStart(2, '0');
  const [r, g, b] = hexToRgb(hex);
  return `#${channel(r)}${channel(g)}${channel(b)}`;
}

/** A grey level for value in [0, 1] (0 white, 1 black), for images. */
export function greyColour(value: number): string {
  const level = Math.round(255 * (1 - Math.max(0, Math.min(1, value))));
  const hex = level.toString(16).padStart(2, '0');
  return dataColour(`#${hex}${hex}${hex}`);
}

export interface HeatmapOptions {
  readonly values: readonly (readonly number[])[];
  readonly cell?: number;
  readonly title?: string;
  /** "diverging" (default): symmetric around 0; "grey": 0..1 as an image. */
  readonly scale?: 'diverging' | 'grey';
  /** The value that gets the full colour (default: the largest absolute value). */
  readonly limit?: number;
}

/** A grid of coloured cells. Returns a part whose size includes the title line. */
export function heatmap(options: HeatmapOptions): { width: number; height: number; body: string } {
  const cell = options.cell ?? 8;
  const rows = options.values.length;
  const cols = rows > 0 ? options.values[0].length : 0;
  const top = options.title ? 22 : 0;
  const limit = options.limit ?? Math.max(1e-12, ...options.values.flat().map(Math.abs));
  const parts: string[] = [];
  if (options.title) parts.push(text((cols * cell) / 2, 14, options.title, { anchor: 'middle', size: 13, weight: 'bold' }));
  const colourOf = (value: number): string => (options.scale === 'grey' ? greyColour(value) : divergingColour(value, limit));
  if (rows * cols > 64) {
    // Many cells: one embedded PNG, one pixel per cell, scaled up without smoothing.
    const png = encodePng(options.values.map((row) => row.map((value) => hexToRgb(colourOf(value)))));
    parts.push(
      `<image x="0" y="${px(top)}" width="${px(cols * cell)}" height="${px(rows * cell)}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${png.toString('base64')}"/>`,
    );
  } else {
    options.values.forEach((row, r) => {
      row.forEach((value, c) => {
        parts.push(`<rect x="${px(c * cell)}" y="${px(top + r * cell)}" width="${px(cell + 0.1)}" height="${px(cell + 0.1)}" fill="${colourOf(value)}"/>`);
      });
    });
  }
  parts.push(rect(0, top, cols * cell, rows * cell, 'none', palette.axis));
  return { width: cols * cell, height: top + rows * cell, body: parts.join('') };
}

/** A horizontal colour bar for a diverging scale, labelled -limit, 0, +limit. */
export function colourLegend(width: number, limit: number): { width: number; height: number; body: string } {
  const steps = 40;
  const parts: string[] = [];
  for (let i = 0; i < steps; i += 1) {
    const value = -limit + (2 * limit * (i + 0.5)) / steps;
    parts.push(`<rect x="${px((i * width) / steps)}" y="0" width="${px(width / steps + 0.1)}" height="10" fill="${divergingColour(value, limit)}"/>`);
  }
  parts.push(text(0, 26, formatNumber(-limit, 2), { size: 11, colour: palette.muted }));
  parts.push(text(width / 2, 26, '0', { size: 11, anchor: 'middle', colour: palette.muted }));
  parts.push(text(width, 26, formatNumber(limit, 2), { size: 11, anchor: 'end', colour: palette.muted }));
  return { width, height: 30, body: parts.join('') };
}

export interface BarChartOptions {
  readonly bars: ReadonlyArray<{ label: string; value: number; colour?: string }>;
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  readonly yLabel?: string;
}

/** Vertical bars from 0 with value labels. Returns a part. */
export function barChart(options: BarChartOptions): { width: number; height: number; body: string } {
  const width = options.width ?? 420;
  const height = options.height ?? 260;
  const margin = { top: options.title ? 34 : 16, right: 12, bottom: 30, left: 52 };
  const values = options.bars.map((bar) => bar.value);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const low = Math.min(ticks[0], 0);
  const high = Math.max(ticks[ticks.length - 1], ...values);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const y = (value: number): number => margin.top + plotH - ((value - low) / (high - low || 1)) * plotH;
  const parts: string[] = [];
  if (options.title) parts.push(text(margin.left, 20, options.title, { size: 14, weight: 'bold' }));
  for (const tick of ticks) {
    parts.push(line(margin.left, y(tick), margin.left + plotW, y(tick), palette.grid));
    parts.push(text(margin.left - 8, y(tick), formatNumber(tick), { anchor: 'end', baseline: 'middle', size: 12, colour: palette.muted }));
  }
  const slot = plotW / options.bars.length;
  options.bars.forEach((bar, i) => {
    const x0 = margin.left + i * slot + slot * 0.15;
    const top = Math.min(y(bar.value), y(0));
    parts.push(rect(x0, top, slot * 0.7, Math.abs(y(bar.value) - y(0)), bar.colour ?? palette.blue));
    parts.push(text(x0 + slot * 0.35, height - 10, bar.label, { anchor: 'middle', size: 12 }));
    parts.push(text(x0 + slot * 0.35, top - 4, formatNumber(bar.value), { anchor: 'middle', size: 11, colour: palette.muted }));
  });
  parts.push(line(margin.left, y(0), margin.left + plotW, y(0), palette.axis));
  if (options.yLabel) parts.push(text(14, margin.top + plotH / 2, options.yLabel, { anchor: 'middle', size: 12, colour: palette.muted, rotate: -90 }));
  return { width, height, body: parts.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// Network diagrams

export interface NetworkNode {
  /** Text inside the node (a value such as "8.5"). */
  readonly value?: string;
  /** Text beside the node (its name, such as "toes"); left of inputs, right of outputs. */
  readonly label?: string;
  /** Extra lines under the label (error, delta...). */
  readonly notes?: readonly string[];
}

export interface NetworkEdge {
  /** [layer, node] of the source and of the target. */
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
  readonly label?: string;
  readonly colour?: string;
}

export interface NetworkOptions {
  readonly layers: ReadonlyArray<readonly NetworkNode[]>;
  /** By default every node is joined to every node of the next layer, without labels. */
  readonly edges?: readonly NetworkEdge[];
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  /** Captions under each layer ("inputs", "hidden", "outputs"). */
  readonly layerNames?: readonly string[];
  readonly radius?: number;
}

/** Layered nodes joined by arrows, with optional values, labels and edge labels. Returns a part. */
export function network(options: NetworkOptions): { width: number; height: number; body: string } {
  const width = options.width ?? 520;
  const height = options.height ?? 260;
  const radius = options.radius ?? 20;
  const top = options.title ? 30 : 10;
  const bottom = options.layerNames ? 26 : 10;
  const sidePad = 110;
  const columns = options.layers.length;
  const colX = (l: number): number => (columns === 1 ? width / 2 : sidePad + (l * (width - 2 * sidePad)) / (columns - 1));
  const rowY = (l: number, i: number): number => {
    const count = options.layers[l].length;
    const span = height - top - bottom;
    return top + ((i + 0.5) * span) / count;
  };
  const edges: NetworkEdge[] =
    options.edges?.slice() ??
    options.layers.slice(0, -1).flatMap((layer, l) => layer.flatMap((_, i) => options.layers[l + 1].map((__, j) => ({ from: [l, i] as const, to: [l + 1, j] as const }))));
  const parts: string[] = [];
  if (options.title) parts.push(text(width / 2, 18, options.title, { anchor: 'middle', size: 14, weight: 'bold' }));
  for (const edge of edges) {
    const x1 = colX(edge.from[0]);
    const y1 = rowY(edge.from[0], edge.from[1]);
    const x2 = colX(edge.to[0]);
    const y2 = rowY(edge.to[0], edge.to[1]);
    const length = Math.hypot(x2 - x1, y2 - y1);
    const ux = (x2 - x1) / length;
    const uy = (y2 - y1) / length;
    parts.push(arrow(x1 + ux * radius, y1 + uy * radius, x2 - ux * (radius + 2), y2 - uy * (radius + 2), edge.colour ?? palette.axis, 1.4));
    if (edge.label) {
      const lx = x1 + (x2 - x1) * 0.42;
      const ly = y1 + (y2 - y1) * 0.42;
      const w = edge.label.length * 7 + 8;
      parts.push(rect(lx - w / 2, ly - 9, w, 18, '#ffffff', 'none', 3));
      parts.push(text(lx, ly, edge.label, { anchor: 'middle', baseline: 'middle', size: 12, colour: edge.colour ?? palette.text }));
    }
  }
  options.layers.forEach((layer, l) => {
    layer.forEach((node, i) => {
      const cx = colX(l);
      const cy = rowY(l, i);
      parts.push(circle(cx, cy, radius, palette.node, palette.nodeStroke, 2));
      if (node.value) parts.push(text(cx, cy, node.value, { anchor: 'middle', baseline: 'middle', size: node.value.length > 4 ? 11 : 13, weight: 'bold' }));
      const isInput = l === 0 && columns > 1;
      const lx = isInput ? cx - radius - 8 : cx + radius + 8;
      const anchor = isInput ? 'end' : 'start';
      const lines = [...(node.label ? [node.label] : []), ...(node.notes ?? [])];
      const first = cy - ((lines.length - 1) * 15) / 2;
      lines.forEach((content, k) => {
        parts.push(text(lx, first + k * 15, content, { anchor, baseline: 'middle', size: k === 0 && node.label ? 13 : 12, colour: k === 0 && node.label ? palette.text : palette.muted }));
      });
    });
    if (options.layerNames?.[l]) parts.push(text(colX(l), height - 8, options.layerNames[l], { anchor: 'middle', size: 12, colour: palette.muted }));
  });
  return { width, height, body: parts.join('\n') };
}

/** A matrix of numbers as a table with a caption above. Returns a part. */
export function matrixTable(values: readonly (readonly number[])[], caption: string, cellWidth = 62): { width: number; height: number; body: string } {
  const rowH = 22;
  const cols = values[0]?.length ?? 0;
  const parts = [text(0, 14, caption, { size: 13, weight: 'bold' })];
  values.forEach((row, r) => {
    row.forEach((value, c) => {
      parts.push(rect(c * cellWidth, 24 + r * rowH, cellWidth, rowH, r % 2 === 0 ? '#f6f8fa' : '#ffffff', palette.grid));
      parts.push(text(c * cellWidth + cellWidth / 2, 24 + r * rowH + rowH / 2, formatNumber(value, 4), { anchor: 'middle', baseline: 'middle', size: 12 }));
    });
  });
  return { width: cols * cellWidth, height: 24 + values.length * rowH, body: parts.join('') };
}

/** Translates a part. */
export function place(part: { body: string }, x: number, y: number): string {
  return `<g transform="translate(${px(x)} ${px(y)})">${part.body}</g>`;
}

// ---------------------------------------------------------------------------------------------
// Theme

/**
 * The colours of the figures that follow the site's light or dark theme. Generators keep
 * writing plain colours (a standalone .svg file stays light and readable anywhere); the site
 * inlines the figures and its stylesheet (`figureThemeCss`) repaints every element drawn in one
 * of these colours with a CSS variable, so the same figure is light or dark with the page.
 * Data colours (heatmap cells, images) are not listed: they keep their meaning in both themes.
 */
export const themeColours: ReadonlyArray<{ readonly light: string; readonly name: string; readonly dark: string }> = [
  { light: '#ffffff', name: 'bg', dark: '#161b22' },
  { light: '#fff', name: 'bg', dark: '#161b22' },
  { light: '#f6f8fa', name: 'subtle', dark: '#1f2630' },
  { light: '#1f2328', name: 'text', dark: '#e6edf3' },
  { light: '#59636e', name: 'muted', dark: '#a3adb8' },
  { light: '#57606a', name: 'muted', dark: '#a3adb8' },
  { light: '#e4e8ec', name: 'grid', dark: '#30363d' },
  { light: '#8c959f', name: 'axis', dark: '#7d8590' },
  { light: '#c9d1d9', name: 'faint', dark: '#484f58' },
  { light: '#d0d7de', name: 'faint', dark: '#484f58' },
  { light: '#0b5cad', name: 'blue', dark: '#58a6ff' },
  { light: '#d1580b', name: 'orange', dark: '#f0883e' },
  { light: '#1a7f37', name: 'green', dark: '#3fb950' },
  { light: '#7c3aed', name: 'purple', dark: '#bc8cff' },
  { light: '#cf222e', name: 'red', dark: '#ff7b72' },
  { light: '#e7f0fb', name: 'fill', dark: '#152a45' },
  { light: '#e8f0fe', name: 'fill-blue', dark: '#152a45' },
  { light: '#fdecea', name: 'fill-red', dark: '#3d1d1f' },
  { light: '#e6f4ea', name: 'fill-green', dark: '#16321f' },
  { light: '#fff1e5', name: 'fill-orange', dark: '#3a2412' },
  { light: '#fffdf5', name: 'fill-paper', dark: '#1c1f24' },
  { light: '#fbf7ef', name: 'fill-paper', dark: '#1c1f24' },
  { light: '#3367d6', name: 'blue', dark: '#58a6ff' },
  { light: '#a33', name: 'red', dark: '#ff7b72' },
  { light: '#777', name: 'axis', dark: '#7d8590' },
  { light: '#555', name: 'muted', dark: '#a3adb8' },
  { light: '#f3f3f3', name: 'subtle', dark: '#1f2630' },
];

/**
 * The stylesheet that themes inlined figures: variables for both themes (the dark ones apply
 * under `[data-theme=dark]`, or `[data-theme=os]` when the system prefers dark) and one rule per
 * colour and attribute, scoped to `scope` (the figures' container selector).
 */
export function figureThemeCss(scope: string): string {
  const names = [...new Map(themeColours.map((colour) => [colour.name, colour])).values()];
  const vars = (pick: 'light' | 'dark'): string => names.map((colour) => `--fig-${colour.name}:${colour[pick]}`).join(';');
  const rules = themeColours.flatMap((colour) =>
    ['fill', 'stroke'].map((attribute) => `${scope} [${attribute}="${colour.light}" i]{${attribute}:var(--fig-${colour.name})}`),
  );
  return [
    `:root{${vars('light')}}`,
    `:root[data-theme="dark"]{${vars('dark')}}`,
    `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]):not([data-theme="dark"]){${vars('dark')}}}`,
    // Text without a colour of its own takes the root's: the theme's text colour.
    `${scope} svg{fill:var(--fig-text)}`,
    ...rules,
    // White text drawn on strong data colours (heatmap values) stays white.
    `${scope} text[fill="#ffffff" i]{fill:#ffffff}`,
  ].join('\n');
}
