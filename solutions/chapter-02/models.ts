/**
 * Chapter 2: two ways a machine can learn the same pattern.
 *
 * A nonparametric model counts: it keeps one number per thing it has seen, so it grows with the
 * data. A parametric model has a fixed set of knobs and learns by turning them. Both are written
 * here in a few lines so the difference can be seen, not just read about.
 */

/** One observation at a streetlight: which lamps were on, and whether the cars went. */
export interface StreetlightObservation {
  readonly lightsOn: readonly boolean[];
  readonly go: boolean;
}

/**
 * The streetlight observations of the chapter (the same six patterns chapter 6 learns from):
 * three lamps, left to right, and whether the cars went.
 */
export const streetlightObservations: readonly StreetlightObservation[] = [
  { lightsOn: [true, false, true], go: false },
  { lightsOn: [false, true, true], go: true },
  { lightsOn: [false, false, true], go: false },
  { lightsOn: [true, true, true], go: true },
  { lightsOn: [false, true, true], go: true },
  { lightsOn: [true, false, true], go: false },
];

/** What one round of predict, compare, learn produced. */
export interface KnobRound {
  /** Predict: `input * weight`. */
  readonly prediction: number;
  /** Compare: `prediction - truth`; positive means the prediction was too high. */
  readonly miss: number;
  /** Learn: the knob after it was turned. */
  readonly newWeight: number;
}

/**
 * Exercise 2.1: one round of a parametric model with a single knob (a weight).
 *
 * Predict `input * weight`; compare with the truth (`miss = prediction - truth`); learn by turning
 * the knob by `nudge` in the direction that brings the prediction towards the truth. With a
 * positive input a prediction that is too high means a smaller weight; a negative input reverses
 * that. When the prediction is already right, or the input is 0 (the knob has no effect), the
 * knob stays where it is.
 * @example predictCompareLearn(0.98, 1, 0, 0.1) // prediction 0.98, miss 0.98, newWeight 0.88
 */
export function predictCompareLearn(weight: number, input: number, truth: number, nudge: number): KnobRound {
  // #region solution 2.1
  const prediction = input * weight;
  const miss = prediction - truth;
  const newWeight = weight - nudge * Math.sign(miss) * Math.sign(input);
  return { prediction, miss, newWeight };
  // #endregion
}

/**
 * Exercise 2.2: a counting (nonparametric) model of the streetlight. For each lamp, the share of
 * the observations with that lamp on in which the cars went: `goCount[i] / onCount[i]`.
 *
 * The result has one entry per lamp, so the model grows with the data it is given. A lamp that
 * was never on has no evidence: its entry is `null`. No observations give an empty list.
 * @throws when two observations have a different number of lamps
 * @example countingModel(streetlightObservations) // [1/3, 1, 0.5]
 */
export function countingModel(observations: readonly StreetlightObservation[]): (number | null)[] {
  // #region solution 2.2
  if (observations.length === 0) return [];
  const lamps = observations[0].lightsOn.length;
  const onCount = new Array<number>(lamps).fill(0);
  const goCount = new Array<number>(lamps).fill(0);
  observations.forEach((observation, index) => {
    if (observation.lightsOn.length !== lamps) {
      throw new RangeError(
        `countingModel: observation ${index} has ${observation.lightsOn.length} lamps, the first has ${lamps}`,
      );
    }
    observation.lightsOn.forEach((on, lamp) => {
      if (!on) return;
      onCount[lamp] += 1;
      if (observation.go) goCount[lamp] += 1;
    });
  });
  return onCount.map((count, lamp) => (count === 0 ? null : goCount[lamp] / count));
  // #endregion
}
