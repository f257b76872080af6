/**
 * Figures of chapter 2 (how machines learn). Most are conceptual diagrams; the two that show
 * numbers the chapter's code computes take them from the solutions: the Red Sox round from
 * `predictCompareLearn` and the streetlight shares from `countingModel`.
 */
import { countingModel, predictCompareLearn, streetlightObservations } from '../../solutions/chapter-02/models';
import type { FigureGenerator } from './index';
import { arrow, box, circle, escapeXml, line, palette, px, rect, svgDocument, text } from './svg';

/** A standalone SVG with a title and a longer description for screen readers. */
export function describedDocument(width: number, height: number, title: string, description: string, body: string): string {
  return svgDocument(width, height, title, body).replace('</title>\n', `</title>\n<desc>${escapeXml(description)}</desc>\n`);
}

const lampOn = '#f2b705';
const lampOff = '#d0d7de';

/**
 * A three-lamp light seen from the front: a dark housing with lamps left to right. `brightness`
 * is 1 for on and 0 for off; values in between draw a dimmer lamp.
 */
export function streetlightIcon(x: number, y: number, brightness: readonly number[], lamp = 9): string {
  const gap = 4;
  const width = brightness.length * (2 * lamp + gap) + gap;
  const height = 2 * lamp + 2 * gap;
  const parts = [rect(x, y, width, height, '#30363d', 'none', 5)];
  brightness.forEach((level, i) => {
    const cx = x + gap + lamp + i * (2 * lamp + gap);
    parts.push(circle(cx, y + height / 2, lamp, lampOff));
    if (level > 0) parts.push(`<circle cx="${px(cx)}" cy="${px(y + height / 2)}" r="${px(lamp)}" fill="${lampOn}" fill-opacity="${px(Math.min(1, level))}"/>`);
  });
  return parts.join('');
}

/** The width of {@link streetlightIcon} for `count` lamps of radius `lamp`. */
export function streetlightWidth(count: number, lamp = 9): number {
  return count * (2 * lamp + 4) + 4;
}

function aiMlDl(): string {
  const parts = [
    `<circle cx="230" cy="180" r="160" fill="${palette.fill}" stroke="${palette.blue}" stroke-width="2"/>`,
    `<circle cx="405" cy="175" r="105" fill="${palette.purple}" fill-opacity="0.08" stroke="${palette.purple}" stroke-width="2" stroke-dasharray="7 4"/>`,
    `<circle cx="300" cy="185" r="75" fill="${palette.orange}" fill-opacity="0.08" stroke="${palette.orange}" stroke-width="2"/>`,
    text(150, 100, 'machine learning', { anchor: 'middle', size: 16, weight: 'bold', colour: palette.blue }),
    text(150, 122, 'learning patterns', { anchor: 'middle', size: 12, colour: palette.muted }),
    text(150, 138, 'from examples', { anchor: 'middle', size: 12, colour: palette.muted }),
    text(268, 172, 'deep', { anchor: 'middle', size: 15, weight: 'bold', colour: palette.orange }),
    text(268, 190, 'learning', { anchor: 'middle', size: 15, weight: 'bold', colour: palette.orange }),
    text(268, 218, 'practical', { anchor: 'middle', size: 11, colour: palette.muted }),
    text(268, 232, 'tools', { anchor: 'middle', size: 11, colour: palette.muted }),
    text(455, 140, 'AI (as in films)', { anchor: 'middle', size: 14, weight: 'bold', colour: palette.purple }),
    text(455, 160, 'thinking machines', { anchor: 'middle', size: 12, colour: palette.muted }),
  ];
  return describedDocument(
    580,
    350,
    'Machine learning, deep learning and AI as in films',
    'A large circle, machine learning, contains a smaller circle, deep learning. Deep learning half overlaps a separate dashed circle, AI as in films; the rest of deep learning is practical tooling.',
    parts.join('\n'),
  );
}

/** A stick figure standing at (x, y) (the feet), raising its right arm; a monkey gets round ears and a tail. */
function figure(x: number, y: number, monkey: boolean, colour: string): string {
  const head = y - 92;
  const parts = [
    circle(x, head, 14, '#ffffff', colour, 2),
    line(x, head + 14, x, y - 36, colour, 2.5),
    line(x, y - 36, x - 14, y, colour, 2.5),
    line(x, y - 36, x + 14, y, colour, 2.5),
    line(x, y - 62, x - 22, y - 42, colour, 2.5),
    line(x, y - 62, x + 20, y - 96, colour, 2.5),
  ];
  if (monkey) {
    parts.push(circle(x - 16, head - 4, 6, '#ffffff', colour, 2), circle(x + 16, head - 4, 6, '#ffffff', colour, 2));
    parts.push(`<path d="M${px(x)},${px(y - 38)} q -34,10 -26,40" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
    parts.push(circle(x - 5, head - 2, 1.8, colour), circle(x + 5, head - 2, 1.8, colour));
  }
  return parts.join('');
}

function monkeySee(): string {
  const parts = [
    rect(10, 10, 500, 230, '#fffdf5', palette.axis, 10),
    text(260, 44, 'Machine learning ≈ monkey see, monkey do', { anchor: 'middle', size: 18, weight: 'bold' }),
    figure(140, 210, false, palette.blue),
    text(140, 230, 'a person waves', { anchor: 'middle', size: 12, colour: palette.muted }),
    arrow(200, 140, 310, 140, palette.muted, 2),
    text(255, 128, 'watches', { anchor: 'middle', size: 12, colour: palette.muted }),
    figure(380, 210, true, palette.orange),
    text(380, 230, 'the monkey waves too', { anchor: 'middle', size: 12, colour: palette.muted }),
  ];
  return describedDocument(
    520,
    250,
    'Machine learning as imitation: monkey see, monkey do',
    'A card with the slogan "Machine learning ≈ monkey see, monkey do". A person raises an arm; a monkey watches and raises its arm the same way.',
    parts.join('\n'),
  );
}

/** A column of values under a heading, one cell per value. */
function column(x: number, y: number, heading: string, values: readonly string[], width = 110, colours?: readonly string[]): string {
  const parts = [text(x + width / 2, y, heading, { anchor: 'middle', size: 13, weight: 'bold' })];
  values.forEach((value, i) => {
    parts.push(rect(x, y + 12 + i * 26, width, 26, i % 2 === 0 ? '#f6f8fa' : '#ffffff', palette.grid));
    parts.push(text(x + width / 2, y + 25 + i * 26, value, { anchor: 'middle', baseline: 'middle', size: 13, colour: colours?.[i] }));
  });
  return parts.join('');
}

function supervised(): string {
  // Illustrative prices: the chapter's code does not model share prices.
  const monday = ['$101.20', '$98.75', '$103.40', '$99.10', '$100.60'];
  const tuesday = ['$101.90', '$98.20', '$104.10', '$99.80', '$100.30'];
  const parts = [
    text(300, 22, 'what you know  →  what you want to know', { anchor: 'middle', size: 15, weight: 'bold', colour: palette.blue }),
    column(30, 60, 'Monday prices', monday, 120),
    box(230, 100, 140, 70, ['supervised', 'learning'], { size: 14 }),
    arrow(158, 135, 226, 135, palette.muted, 2),
    arrow(374, 135, 442, 135, palette.muted, 2),
    column(450, 60, 'Tuesday prices', tuesday, 120),
    text(300, 230, '(predicted)', { anchor: 'middle', size: 11, colour: palette.muted }),
  ];
  return describedDocument(
    600,
    250,
    'Supervised learning turns one dataset into another',
    'A column of Monday share prices goes through a box labelled supervised learning and comes out as a column of predicted Tuesday prices. Above: what you know, arrow, what you want to know. The prices are illustrative.',
    parts.join('\n'),
  );
}

function unsupervised(): string {
  const words = ['puppies', 'pizza', 'kittens', 'hot dog', 'burger'];
  const groups = [1, 2, 1, 2, 2];
  const groupColour = (g: number): string => (g === 1 ? palette.purple : palette.orange);
  const parts = [
    column(30, 30, 'data', words, 110),
    box(210, 70, 150, 70, ['unsupervised', 'learning'], { size: 14 }),
    arrow(148, 105, 206, 105, palette.muted, 2),
    arrow(364, 105, 422, 105, palette.muted, 2),
    column(430, 30, 'word', words, 100),
    column(530, 30, 'group', groups.map(String), 60, groups.map(groupColour)),
    text(30, 210, 'group 1: cute things', { size: 13, weight: 'bold', colour: groupColour(1) }),
    text(220, 210, 'group 2: tasty things', { size: 13, weight: 'bold', colour: groupColour(2) }),
    text(410, 210, '(names we give the groups afterwards)', { size: 11, colour: palette.muted }),
  ];
  return describedDocument(
    640,
    230,
    'Unsupervised learning as clustering',
    'The words puppies, pizza, kittens, hot dog and burger go through a box labelled unsupervised learning and come out labelled 1, 2, 1, 2, 2. Group 1 turns out to be cute things, group 2 tasty things.',
    parts.join('\n'),
  );
}

/** A toggle switch with a label on each side; `right` says which side is selected. */
function toggle(x: number, y: number, left: string, right: string): string {
  return [
    text(x - 12, y + 14, left, { anchor: 'end', size: 14, baseline: 'middle' }),
    rect(x, y, 56, 28, palette.fill, palette.nodeStroke, 14),
    circle(x + 14, y + 14, 10, palette.blue),
    text(x + 68, y + 14, right, { size: 14, baseline: 'middle' }),
  ].join('');
}

function twoSwitches(): string {
  const parts = [
    toggle(220, 20, 'supervised', 'unsupervised'),
    toggle(220, 64, 'parametric', 'nonparametric'),
    text(310, 130, 'supervised', { anchor: 'middle', size: 13, weight: 'bold', colour: palette.muted }),
    text(470, 130, 'unsupervised', { anchor: 'middle', size: 13, weight: 'bold', colour: palette.muted }),
    text(220, 175, 'parametric', { anchor: 'end', size: 13, weight: 'bold', colour: palette.muted }),
    text(220, 245, 'nonparametric', { anchor: 'end', size: 13, weight: 'bold', colour: palette.muted }),
  ];
  const cells = [
    ['supervised', 'parametric', '(knobs: chapters 3 on)'],
    ['unsupervised', 'parametric', '(knobs per group)'],
    ['supervised', 'nonparametric', '(counting)'],
    ['unsupervised', 'nonparametric', '(grouping by counts)'],
  ];
  cells.forEach((lines, i) => {
    const x = 232 + (i % 2) * 160;
    const y = 142 + Math.floor(i / 2) * 70;
    parts.push(rect(x, y, 156, 66, i === 0 ? '#fff1e5' : palette.fill, i === 0 ? palette.orange : palette.nodeStroke, 6));
    parts.push(text(x + 78, y + 18, lines[0], { anchor: 'middle', size: 13 }));
    parts.push(text(x + 78, y + 35, lines[1], { anchor: 'middle', size: 13 }));
    parts.push(text(x + 78, y + 53, lines[2], { anchor: 'middle', size: 11, colour: palette.muted }));
  });
  return describedDocument(
    580,
    226 + 60,
    'The two switches: supervised or unsupervised, parametric or nonparametric',
    'Two toggle switches, supervised/unsupervised and parametric/nonparametric, above a 2 by 2 grid of the four combinations. Supervised parametric, the kind deep learning is, is highlighted.',
    parts.join('\n'),
  );
}

/** A knob: a dial with a pointer at `turn` (0 points straight up, 1 is a quarter turn clockwise). */
function knob(cx: number, cy: number, turn: number, colour: string = palette.blue): string {
  const angle = (turn * Math.PI) / 2;
  return circle(cx, cy, 9, '#ffffff', colour, 2) + line(cx, cy, cx + 8 * Math.sin(angle), cy - 8 * Math.cos(angle), colour, 2);
}

/** The model as a box of knobs, with the knobs at the given turns. */
function knobBox(x: number, y: number, turns: readonly number[], label: string, colour: string = palette.blue): string {
  const width = turns.length * 24 + 16;
  const parts = [rect(x, y, width, 56, palette.fill, palette.nodeStroke, 6), text(x + width / 2, y + 46, label, { anchor: 'middle', size: 11, colour: palette.muted })];
  turns.forEach((turn, i) => parts.push(knob(x + 20 + i * 24, y + 20, turn, colour)));
  return parts.join('');
}

function predictCompareLearnFigure(): string {
  const truth = 0;
  const round = predictCompareLearn(0.98, 1, truth, 0.1);
  const next = predictCompareLearn(round.newWeight, 1, truth, 0.1);
  const percent = (p: number): string => `${Math.round(p * 100)}%`;
  const data = ['away', 'Yankees', '250 games', '25 players', '25,000 fans'];
  const turns = [0.5, -0.3, 0.8, 0.2, -0.6];
  const turned = turns.map((t) => t - 0.45);
  const parts: string[] = [];
  const panel = (x: number, title: string): void => {
    parts.push(rect(x, 10, 250, 250, '#ffffff', palette.grid, 8));
    parts.push(text(x + 14, 32, title, { size: 15, weight: 'bold' }));
  };
  panel(10, '1. Predict');
  data.forEach((item, i) => parts.push(text(24, 62 + i * 16, item, { size: 12, colour: palette.muted })));
  parts.push(arrow(96, 90, 110, 90, palette.muted));
  parts.push(knobBox(114, 62, turns, 'knobs'));
  parts.push(arrow(182, 122, 182, 176, palette.muted));
  parts.push(text(182, 206, percent(round.prediction), { anchor: 'middle', size: 22, weight: 'bold', colour: palette.blue }));

  panel(280, '2. Compare');
  parts.push(text(340, 100, 'prediction', { anchor: 'middle', size: 12, colour: palette.muted }));
  parts.push(text(340, 130, percent(round.prediction), { anchor: 'middle', size: 24, weight: 'bold', colour: palette.blue }));
  parts.push(text(460, 100, 'truth (lost)', { anchor: 'middle', size: 12, colour: palette.muted }));
  parts.push(text(460, 130, percent(truth), { anchor: 'middle', size: 24, weight: 'bold', colour: palette.green }));
  parts.push(text(405, 185, `missed by ${percent(round.miss)}`, { anchor: 'middle', size: 16, weight: 'bold', colour: palette.red }));
  parts.push(text(405, 208, 'too high', { anchor: 'middle', size: 12, colour: palette.muted }));

  panel(550, '3. Learn');
  parts.push(text(675, 70, 'turn the knobs so this', { anchor: 'middle', size: 12, colour: palette.muted }));
  parts.push(text(675, 86, 'input predicts less', { anchor: 'middle', size: 12, colour: palette.muted }));
  parts.push(knobBox(610, 110, turned, 'knobs turned', palette.orange));
  parts.push(text(675, 200, `one knob: 0.98 → ${px(round.newWeight)}`, { anchor: 'middle', size: 12 }));
  parts.push(text(675, 220, `next prediction ${percent(next.prediction)}`, { anchor: 'middle', size: 12, weight: 'bold', colour: palette.orange }));
  parts.push(text(675, 240, 'predictCompareLearn(0.98, 1, 0, 0.1)', { anchor: 'middle', size: 10, colour: palette.muted }));
  return describedDocument(
    810,
    270,
    'Predict, compare, learn for the Red Sox example',
    `Three panels. Predict: away, Yankees, 250 games, 25 players, 25,000 fans go through a box of knobs and come out as ${percent(round.prediction)}. Compare: the truth was 0%, a miss of ${percent(round.miss)}. Learn: the knobs are turned; with a single knob and a nudge of 0.1 the knob goes from 0.98 to ${px(round.newWeight)} and the next prediction is ${percent(next.prediction)}.`,
    parts.join('\n'),
  );
}

function parametricUnsupervised(): string {
  const memberships = [
    { group: 'group 1', share: '94%' },
    { group: 'group 2', share: '1%' },
    { group: 'group 3', share: '5%' },
  ];
  const parts = [
    column(20, 80, 'datapoint', ['home', '100k fans'], 100),
    arrow(124, 118, 176, 118, palette.muted, 2),
    rect(180, 30, 170, 180, palette.fill, palette.nodeStroke, 6),
  ];
  memberships.forEach(({ group, share }, g) => {
    const y = 66 + g * 52;
    parts.push(text(192, y, `${group} knobs`, { size: 11, colour: palette.muted, baseline: 'middle' }));
    [0, 1].forEach((k) => parts.push(knob(296 + k * 26, y, [0.4, -0.5, 0.9][g] - k * 0.6)));
    parts.push(arrow(354, y, 420, y, palette.muted, 2));
    parts.push(text(430, y, `${share}`, { size: 18, weight: 'bold', baseline: 'middle', colour: palette.blue }));
    parts.push(text(486, y, group, { size: 13, baseline: 'middle' }));
  });
  return describedDocument(
    570,
    230,
    'A parametric unsupervised model',
    'One datapoint, home and 100k fans, enters a box with three sets of knobs, one per group; three arrows leave it labelled 94% for group 1, 1% for group 2 and 5% for group 3.',
    parts.join('\n'),
  );
}

function streetlightCounting(): string {
  const shares = countingModel(streetlightObservations);
  const names = ['left', 'middle', 'right'];
  const lamp = 20;
  const iconWidth = streetlightWidth(3, lamp);
  const x0 = 110;
  const lampX = (i: number): number => x0 + 4 + lamp + i * (2 * lamp + 4);
  const rowH = 54;
  const parts: string[] = [];
  names.forEach((name, i) => parts.push(text(lampX(i), 22, name, { anchor: 'middle', size: 11, colour: palette.muted })));
  streetlightObservations.forEach((observation, n) => {
    const y = 32 + n * rowH;
    parts.push(text(x0 - 14, y + lamp + 4, `${n + 1}`, { anchor: 'end', size: 12, colour: palette.muted, baseline: 'middle' }));
    parts.push(streetlightIcon(x0, y, observation.lightsOn.map(Number), lamp));
    parts.push(text(x0 + iconWidth + 16, y + lamp + 4, observation.go ? 'GO' : 'STOP', { size: 14, weight: 'bold', baseline: 'middle', colour: observation.go ? palette.green : palette.red }));
  });
  const tallyY = 32 + 6 * rowH + 6;
  parts.push(line(20, tallyY, x0 + iconWidth + 70, tallyY, palette.axis));
  parts.push(text(x0 - 14, tallyY + 20, 'go / on', { anchor: 'end', size: 12, colour: palette.muted, baseline: 'middle' }));
  parts.push(text(x0 - 14, tallyY + 46, 'share', { anchor: 'end', size: 12, colour: palette.muted, baseline: 'middle' }));
  names.forEach((_, i) => {
    const on = streetlightObservations.filter((o) => o.lightsOn[i]).length;
    const go = streetlightObservations.filter((o) => o.lightsOn[i] && o.go).length;
    const share = shares[i];
    parts.push(text(lampX(i), tallyY + 20, `${go}/${on}`, { anchor: 'middle', size: 13, baseline: 'middle' }));
    parts.push(text(lampX(i), tallyY + 46, share === null ? '—' : `${Math.round(share * 100)}%`, { anchor: 'middle', size: 13, weight: 'bold', colour: palette.blue, baseline: 'middle' }));
  });
  parts.push(text(x0 + iconWidth + 16, tallyY + 46, '← countingModel', { size: 11, colour: palette.muted, baseline: 'middle' }));
  return describedDocument(
    380,
    tallyY + 66,
    'Learning a streetlight by counting',
    `Six observations of a three-lamp light, each marked STOP or GO. Under each lamp, how often the cars went when it was on, and the share countingModel computes: ${shares
      .map((s, i) => `${names[i]} ${s === null ? 'never on' : `${Math.round(s * 100)}%`}`)
      .join(', ')}.`,
    parts.join('\n'),
  );
}

export const figures: Record<string, FigureGenerator> = {
  'chapter-02/ai-ml-dl': aiMlDl,
  'chapter-02/monkey-see': monkeySee,
  'chapter-02/supervised': supervised,
  'chapter-02/unsupervised': unsupervised,
  'chapter-02/two-switches': twoSwitches,
  'chapter-02/predict-compare-learn': predictCompareLearnFigure,
  'chapter-02/parametric-unsupervised': parametricUnsupervised,
  'chapter-02/streetlight-counting': streetlightCounting,
};
