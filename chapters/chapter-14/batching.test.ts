import fc from 'fast-check';
import { assertProperty } from '../../kernels/testing';
import { batchify } from './batching';

function idsOf(length: number, seed: number, vocabulary = 62): Int32Array {
  const ids = new Int32Array(length);
  let x = seed + 1;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    ids[i] = x % vocabulary;
  }
  return ids;
}

describe('task 14.3 batchify', () => {
  test("the book's counts for its 99,993 characters: 195 windows of 32x16 and 249 of 16x25", () => {
    const ids = idsOf(99993, 1);
    const rnn = batchify(ids, 32, 16);
    expect([rnn.streamLength, rnn.inputs.length, rnn.targets.length]).toEqual([3124, 195, 195]);
    expect(rnn.inputs[0]).toHaveLength(16 * 32);
    const lstm = batchify(ids, 16, 25);
    expect([lstm.streamLength, lstm.inputs.length]).toEqual([6249, 249]);
    // L14.4 with 8 columns: column j starts at character j * 12499.
    const eight = batchify(ids, 8, 5);
    expect(eight.streamLength).toBe(12499);
    expect(Array.from(eight.inputs[0].subarray(0, 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((j) => ids[j * 12499]));
  });

  test('every window row is one step of contiguous streams, and targets are the next characters', () => {
    const arb = fc.record({
      length: fc.integer({ min: 2, max: 400 }),
      batchSize: fc.integer({ min: 1, max: 7 }),
      bptt: fc.integer({ min: 1, max: 9 }),
      seed: fc.nat(1000),
    });
    assertProperty(
      fc.property(arb, ({ length, batchSize, bptt, seed }) => {
        const streamLength = Math.floor(length / batchSize);
        const count = Math.floor((streamLength - 1) / bptt);
        fc.pre(count >= 1);
        const ids = idsOf(length, seed, 1000);
        const copy = Int32Array.from(ids);
        const w = batchify(ids, batchSize, bptt);
        expect([w.batchSize, w.bptt, w.streamLength, w.inputs.length, w.targets.length]).toEqual([batchSize, bptt, streamLength, count, count]);
        for (let k = 0; k < count; k++) {
          expect(w.inputs[k]).toHaveLength(bptt * batchSize);
          for (let t = 0; t < bptt; t++) {
            for (let b = 0; b < batchSize; b++) {
              const position = b * streamLength + k * bptt + t;
              expect(w.inputs[k][t * batchSize + b]).toBe(ids[position]);
              expect(w.targets[k][t * batchSize + b]).toBe(ids[position + 1]);
            }
          }
        }
        expect(Array.from(ids)).toEqual(Array.from(copy));
      }),
      { label: 'task 14.3 batchify' },
    );
  });

  test('a text too short for one window is an error naming the sizes', () => {
    expect(() => batchify(idsOf(10, 0), 4, 3)).toThrow(/batchify: 10 characters \[10\] give no whole window of 3 steps in 4 streams/);
  });

  test('a batch size or bptt that is not a positive integer is an error naming both', () => {
    const ids = idsOf(100, 0);
    for (const [batchSize, bptt] of [[0, 3], [-2, 3], [1.5, 3], [4, 0], [4, -1], [4, 2.5]]) {
      expect(() => batchify(ids, batchSize, bptt)).toThrow(new RegExp(`batchify: batchSize ${batchSize} and bptt ${bptt} must be positive integers`));
    }
  });
});
