import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { countingModel, predictCompareLearn, streetlightObservations, type StreetlightObservation } from './models';

const runs = { numRuns: 100 };

/** Observations of a streetlight with 1 to 6 lamps. */
const observationsArb = fc.integer({ min: 1, max: 6 }).chain((lamps) =>
  fc.array(
    fc.record({ lightsOn: fc.array(fc.boolean(), { minLength: lamps, maxLength: lamps }), go: fc.boolean() }),
    { minLength: 1, maxLength: 20 },
  ),
);

/** The rate counted the slow, obvious way, to compare with. */
function referenceRate(observations: readonly StreetlightObservation[], lamp: number): number | null {
  const on = observations.filter((observation) => observation.lightsOn[lamp]);
  return on.length === 0 ? null : on.filter((observation) => observation.go).length / on.length;
}

const moderate = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe('task 2.2 countingModel', () => {
  it('learns the book\'s streetlight: the middle lamp means go every time, the right lamp half the time', () => {
    const rates = countingModel(streetlightObservations);
    expect(rates).toHaveLength(3);
    expect(rates[0]).toBeCloseTo(1 / 3, 15);
    expect(rates[1]).toBe(1);
    expect(rates[2]).toBe(0.5);
  });

  it('has one parameter per lamp: a five-lamp light needs five counters', () => {
    const fiveLamps: StreetlightObservation[] = [
      { lightsOn: [true, false, false, false, true], go: true },
      { lightsOn: [true, true, false, false, false], go: false },
    ];
    expect(countingModel(fiveLamps)).toEqual([0.5, 0, null, null, 1]);
  });

  it('gives null for a lamp that was never on, and nothing for no observations', () => {
    expect(countingModel([{ lightsOn: [false, true], go: true }])).toEqual([null, 1]);
    expect(countingModel([])).toEqual([]);
  });

  it('refuses observations with different numbers of lamps', () => {
    expect(() =>
      countingModel([
        { lightsOn: [true, false, true], go: true },
        { lightsOn: [true, false], go: false },
      ]),
    ).toThrow(/countingModel: observation 1 has 2 lamps, the first has 3/);
  });

  it('returns one share in [0, 1] per lamp, equal to counting by hand', () => {
    assertProperty(
      fc.property(observationsArb, (observations) => {
        const rates = countingModel(observations);
        expect(rates).toHaveLength(observations[0].lightsOn.length);
        rates.forEach((rate, lamp) => {
          const expected = referenceRate(observations, lamp);
          if (expected === null) expect(rate).toBeNull();
          else {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
            expect(rate).toBeCloseTo(expected, 12);
          }
        });
      }),
      runs,
    );
  });

  it('does not care about the order of the observations, only about the counts', () => {
    assertProperty(
      fc.property(observationsArb, fc.integer({ min: 0, max: 1000 }), (observations, seed) => {
        const turn = seed % observations.length;
        const shuffled = [...observations.slice(turn), ...observations.slice(0, turn)].reverse();
        const twice = [...observations, ...observations];
        const rates = countingModel(observations);
        const expectSame = (other: (number | null)[]) =>
          other.forEach((rate, lamp) => {
            const original = rates[lamp];
            if (original === null) expect(rate).toBeNull();
            else expect(rate).toBeCloseTo(original, 12);
          });
        expectSame(countingModel(shuffled));
        expectSame(countingModel(twice));
      }),
      runs,
    );
  });
});

describe('task 2.1 predictCompareLearn', () => {
  it('predicts the book\'s 98% for a lost game, misses by 98% and turns the knob down', () => {
    const round = predictCompareLearn(0.98, 1, 0, 0.1);
    expect(round.prediction).toBeCloseTo(0.98, 15);
    expect(round.miss).toBeCloseTo(0.98, 15);
    expect(round.newWeight).toBeCloseTo(0.88, 15);
  });

  it('turns the knob up when the prediction was too low', () => {
    const round = predictCompareLearn(0.2, 2, 1, 0.05);
    expect(round.prediction).toBeCloseTo(0.4, 15);
    expect(round.miss).toBeCloseTo(-0.6, 15);
    expect(round.newWeight).toBeCloseTo(0.25, 15);
  });

  it('reverses the turn for a negative input: a smaller weight then means a bigger prediction', () => {
    // prediction -0.5 is too low; with a negative input, raising it takes a smaller weight
    expect(predictCompareLearn(0.5, -1, 0, 0.1).newWeight).toBeCloseTo(0.4, 15);
  });

  it('leaves the knob alone when the prediction is right or the input is 0', () => {
    expect(predictCompareLearn(0.5, 2, 1, 0.1).newWeight).toBe(0.5);
    expect(predictCompareLearn(0.5, 0, 1, 0.1).newWeight).toBe(0.5);
  });

  it('turns the knob by exactly the nudge, and the new prediction moves towards the truth', () => {
    assertProperty(
      fc.property(moderate(-5, 5), moderate(-5, 5), moderate(-5, 5), moderate(0.001, 1), (weight, input, truth, nudge) => {
        fc.pre(Math.abs(input) > 1e-3 && Math.abs(input * weight - truth) > 1e-6);
        const round = predictCompareLearn(weight, input, truth, nudge);
        expect(round.prediction).toBeCloseTo(input * weight, 12);
        expect(round.miss).toBeCloseTo(input * weight - truth, 12);
        expect(Math.abs(round.newWeight - weight)).toBeCloseTo(nudge, 12);
        const newPrediction = input * round.newWeight;
        expect(Math.sign(newPrediction - round.prediction)).toBe(-Math.sign(round.miss));
      }),
      runs,
    );
  });

  it('gets closer when the nudge is small enough not to jump past the truth', () => {
    assertProperty(
      fc.property(moderate(-5, 5), moderate(0.1, 5), fc.boolean(), moderate(-5, 5), moderate(0.001, 0.5), (weight, size, negative, truth, nudge) => {
        const input = negative ? -size : size;
        fc.pre(Math.abs(input * weight - truth) > nudge * size);
        const round = predictCompareLearn(weight, input, truth, nudge);
        expect(Math.abs(input * round.newWeight - truth)).toBeLessThan(Math.abs(round.miss));
      }),
      runs,
    );
  });
});
