/**
 * kernels/random against NumPy's legacy np.random, bit for bit.
 *
 * Every expected value below was printed once by NumPy 2.4 (python3) and pasted here as a literal,
 * e.g. `np.random.seed(1); np.random.random(6)`. Doubles are compared with toBe (exact equality).
 */
import fc from 'fast-check';
import { RandomState, logCorrectlyRounded } from './random';
import { assertProperty } from './testing';

/** Expected NumPy outputs per seed (`repr` of each value, so every bit is kept). */
const NUMPY: Record<number, {
  random: number[]; // np.random.random(6)
  randn: number[]; // np.random.randn(7): odd, so the cached second Gaussian is exercised
  randint2: number[]; // np.random.randint(2, size=12): the book's dropout mask
  randintRange: number[]; // np.random.randint(-5, 100, size=6)
  randintBig: number[]; // np.random.randint(0, 2**40, size=3): the 64-bit branch
  shuffle10: number[]; // a = np.arange(10.0); np.random.shuffle(a)
  permutation7: number[]; // np.random.permutation(7)
  uniform: number[]; // np.random.uniform(-1, 1, size=4)
  shuffleRows: number[][]; // m = np.arange(12.0).reshape(4, 3); np.random.shuffle(m)
  mixed: number[]; // random(), randn(), random(), randn(), randn(): the Gaussian cache survives random()
}> = {
  0: {
    random: [0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969, 0.4236547993389047, 0.6458941130666561],
    randn: [1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675, -0.977277879876411, 0.9500884175255894],
    randint2: [0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0],
    randintRange: [39, 42, 59, 62, 62, 98],
    randintBig: [741280623151, 506137267392, 291447657211],
    shuffle10: [2, 8, 4, 9, 1, 6, 7, 3, 0, 5],
    permutation7: [6, 2, 1, 3, 0, 5, 4],
    uniform: [0.0976270078546495, 0.43037873274483895, 0.20552675214328775, 0.08976636599379373],
    shuffleRows: [[6.0, 7.0, 8.0], [9.0, 10.0, 11.0], [3.0, 4.0, 5.0], [0.0, 1.0, 2.0]],
    mixed: [0.5488135039273248, 0.7415917408091613, 0.5448831829968969, 1.5529137219128164, 1.8675579901499675],
  },
  1: {
    random: [0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977, 0.14675589081711304, 0.0923385947687978],
    randn: [1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785, -2.3015386968802827, 1.74481176421648],
    randint2: [1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1],
    randintRange: [32, 7, 67, 4, 70, 0],
    randintBig: [163196666091, 605300724808, 1095766950793],
    shuffle10: [2, 9, 6, 4, 0, 3, 1, 7, 8, 5],
    permutation7: [6, 2, 1, 0, 4, 3, 5],
    uniform: [-0.165955990594852, 0.4406489868843162, -0.9997712503653102, -0.39533485473632046],
    shuffleRows: [[9.0, 10.0, 11.0], [6.0, 7.0, 8.0], [0.0, 1.0, 2.0], [3.0, 4.0, 5.0]],
    mixed: [0.417022004702574, -0.8021728386486427, 0.0923385947687978, -0.4488778077207725, -0.5281717522634557],
  },
  42: {
    random: [0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366, 0.15601864044243652, 0.15599452033620265],
    randn: [0.4967141530112327, -0.13826430117118466, 0.6476885381006925, 1.5230298564080254, -0.23415337472333597, -0.23413695694918055, 1.5792128155073915],
    randint2: [0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0],
    randintRange: [97, 46, 87, 9, 66, 55],
    randintBig: [441507790259, 395924837646, 458615280711],
    shuffle10: [8, 1, 5, 0, 7, 2, 9, 4, 3, 6],
    permutation7: [0, 1, 5, 2, 4, 3, 6],
    uniform: [-0.250919762305275, 0.9014286128198323, 0.4639878836228102, 0.1973169683940732],
    shuffleRows: [[3.0, 4.0, 5.0], [9.0, 10.0, 11.0], [0.0, 1.0, 2.0], [6.0, 7.0, 8.0]],
    mixed: [0.3745401188473625, -1.1118801180469204, 0.15599452033620265, 0.31890218468938336, 1.5792128155073915],
  },
};

describe('RandomState matches NumPy legacy np.random', () => {
  describe.each([0, 1, 42])('seed %d', (seed) => {
    const expected = NUMPY[seed];
    const rng = (): RandomState => new RandomState(seed);

    test('random', () => {
      expect(Array.from(rng().random([6]).data)).toEqual(expected.random);
      const r = rng();
      expect(expected.random.map(() => r.random())).toEqual(expected.random);
    });
    test('randn, including the cached second Gaussian', () => {
      expect(Array.from(rng().randn([7]).data)).toEqual(expected.randn);
    });
    test('randint(0, 2) as the dropout mask', () => {
      expect(Array.from(rng().randint(0, 2, [12]).data)).toEqual(expected.randint2);
    });
    test('randint with a negative low', () => {
      expect(Array.from(rng().randint(-5, 100, [6]).data)).toEqual(expected.randintRange);
      const r = rng();
      expect(expected.randintRange.map(() => r.randint(-5, 100))).toEqual(expected.randintRange);
    });
    test('randint over more than 32 bits', () => {
      expect(Array.from(rng().randint(0, 2 ** 40, [3]).data)).toEqual(expected.randintBig);
    });
    test('shuffle of a vector and of a JavaScript array', () => {
      const a = new RandomState(seed).permutation(0);
      expect(a.size).toBe(0);
      const r = rng();
      const v = Array.from({ length: 10 }, (_, i) => i);
      r.shuffle(v);
      expect(v).toEqual(expected.shuffle10);
    });
    test('permutation', () => {
      expect(Array.from(rng().permutation(7).data)).toEqual(expected.permutation7);
    });
    test('uniform', () => {
      expect(Array.from(rng().uniform([4], -1, 1).data)).toEqual(expected.uniform);
    });
    test('shuffle of matrix rows', () => {
      const r = rng();
      const m = new RandomState(0).random([4, 3]);
      for (let i = 0; i < 12; i++) m.data[i] = i;
      r.shuffle(m);
      expect(m.toNested()).toEqual(expected.shuffleRows);
    });
    test('mixed calls keep the Gaussian cache like NumPy', () => {
      const r = rng();
      expect([r.random(), r.randn(), r.random(), r.randn(), r.randn()]).toEqual(expected.mixed);
    });
  });

  test("the book's chapter 6 init: np.random.seed(1); 2*np.random.random((3,4)) - 1", () => {
    const w = new RandomState(1).random([3, 4]);
    expect(Array.from(w.data, (x) => 2 * x - 1)).toEqual([-0.165955990594852, 0.4406489868843162, -0.9997712503653102, -0.39533485473632046, -0.7064882183657739, -0.8153228104624044, -0.6274795772446582, -0.3088785459139045, -0.20646505153866013, 0.07763346800671389, -0.1616109711934104, 0.370439000793519]);
  });

  test("the book's chapter 8 init: np.random.seed(1); 0.2*np.random.random((784,40)) - 0.1", () => {
    const w = new RandomState(1).random([784, 40]);
    const at = (i: number, j: number): number => 0.2 * w.get(i, j) - 0.1;
    expect([0, 1, 2, 3, 4].map((j) => at(0, j))).toEqual([-0.016595599059485197, 0.04406489868843161, -0.09997712503653103, -0.03953348547363205, -0.07064882183657739]);
    expect([37, 38, 39].map((j) => at(783, j))).toEqual([0.03445804337794928, 0.03748222151189612, 0.054961713106187526]);
    expect(at(400, 17)).toBe(0.03729255812211013);
  });

  test('rand() is one number and rand(d0, d1) an array, drawing like random', () => {
    const r = new RandomState(0);
    expect(r.rand()).toBe(NUMPY[0].random[0]);
    expect(Array.from(r.rand(1, 2).data)).toEqual(NUMPY[0].random.slice(1, 3));
  });

  test('re-seeding restarts the sequence and clears the Gaussian cache', () => {
    const r = new RandomState(5);
    r.randn();
    r.seed(0);
    expect(r.randn()).toBe(NUMPY[0].randn[0]);
  });

  test('rejects seeds NumPy rejects', () => {
    expect(() => new RandomState(-1)).toThrow(/seed -1 must be an integer between 0 and 2\*\*32 - 1/);
    expect(() => new RandomState(2 ** 32)).toThrow(/RandomState.seed/);
    expect(() => new RandomState(1.5)).toThrow(/RandomState.seed/);
  });

  test('randint checks its bounds', () => {
    expect(() => new RandomState(0).randint(3, 3)).toThrow('randint: needs integers low < high, got low=3 high=3');
  });
});

/** FNV-1a over the little-endian bytes of the values: a bit-level fingerprint of a long stream. */
function fnv1a(values: Float64Array): number {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

describe('long streams match NumPy bit for bit (FNV-1a of the float64 bytes, computed by NumPy)', () => {
  // np.random.seed(s); fnv1a(np.random.random(20000)), randint(0, 1000, size=5000),
  // permutation(2000), uniform(-3, 5, size=5000)
  const expected: Record<number, [number, number, number, number]> = {
    0: [2615346817, 3091922577, 3617908100, 3023298689],
    1: [2146789895, 4114635511, 2860323864, 1118311857],
    42: [2985231458, 783085436, 965793292, 697861247],
  };
  test.each([0, 1, 42])('seed %d', (seed) => {
    const [random, randint, permutation, uniform] = expected[seed];
    expect(fnv1a(new RandomState(seed).random([20000]).data)).toBe(random);
    expect(fnv1a(new RandomState(seed).randint(0, 1000, [5000]).data)).toBe(randint);
    expect(fnv1a(new RandomState(seed).permutation(2000).data)).toBe(permutation);
    expect(fnv1a(new RandomState(seed).uniform([5000], -3, 5).data)).toBe(uniform);
  });
  test('randn, seed 1, 1000 values', () => {
    expect(fnv1a(new RandomState(1).randn([1000]).data)).toBe(887065372);
  });
});

describe('logCorrectlyRounded (the log inside randn)', () => {
  test('agrees with correctly rounded values (from Python decimal at 60 digits), where Math.log may not', () => {
    const cases: [number, number][] = [
      [0.1, -2.3025850929940455],
      [0.7, -0.35667494393873245],
      [0.3, -1.2039728043259361],
      [1e-300, -690.7755278982137],
      [0.9999999, -1.0000000494736474e-7],
      [123.456, 4.815884817283264],
      [2.5e-17, -38.22765584902462],
      [0.5488135039273248, -0.5999965965916227],
      // Inputs from randn where V8's Math.log is one ulp off:
      [0.8505965801694686, -0.16181731666272867],
      [0.3487973132092701, -1.0532642899320546],
      [0.16633373026292736, -1.7937590855513108],
      [0.04573946428450456, -3.084793802644447],
    ];
    for (const [x, ln] of cases) expect(logCorrectlyRounded(x)).toBe(ln);
    expect(logCorrectlyRounded(1)).toBe(0);
    expect(logCorrectlyRounded(5e-324)).toBe(Math.log(5e-324));
  });
  test('stays within one ulp of Math.log', () => {
    assertProperty(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        const a = logCorrectlyRounded(x);
        const b = Math.log(x);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.abs(b) * 2.3e-16 + 1e-300);
      }),
    );
  });
});
