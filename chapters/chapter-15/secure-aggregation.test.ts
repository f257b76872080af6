import fc from 'fast-check';
import { NDArray } from '../../kernels';
import { arrayArb, expectClose, assertProperty } from '../../kernels/testing';
import { federatedAverage } from '../../solutions/chapter-15/federated';
import { decodeFixedPoint, encodeFixedPoint } from '../../solutions/chapter-15/fixed-point';
import { bookSizeKeys, scaleArb, smallKeys, weightArb } from './fixtures.fixtures';
import { aggregateEncrypted, decryptAverage, encryptWeights } from './secure-aggregation';

// Encryption is slow next to arithmetic: few runs of small models, and the 64-bit key for most.
const RUNS = { numRuns: 40 };
const { publicKey, privateKey } = smallKeys;
const modelArb = fc.constantFrom([3], [2, 2], [4, 1]).chain((shape) => arrayArb(shape, { min: -50, max: 50 }));
/** Two to four models of one shape, as the users would send them. */
const usersArb = fc
  .tuple(fc.constantFrom([3], [2, 2], [5, 1]), fc.integer({ min: 2, max: 4 }))
  .chain(([shape, users]) => fc.array(arrayArb(shape, { min: -50, max: 50 }), { minLength: users, maxLength: users }));

/** Encrypts with the library and the reference encoding (what a correct 15.7 sends). */
function referenceEncrypt(model: NDArray, scale: number): bigint[] {
  return Array.from(model.data, (x) => publicKey.encrypt(encodeFixedPoint(x, publicKey.n, scale)));
}

describe('task 15.7 encryptWeights', () => {
  test('one ciphertext per weight, each decrypting to that weight\'s fixed-point encoding; the model is unchanged', () => {
    assertProperty(
      fc.property(modelArb, scaleArb, (model, scale) => {
        const before = Array.from(model.data);
        const encrypted = encryptWeights(publicKey, model, scale);
        expect(encrypted).toHaveLength(model.size);
        encrypted.forEach((cipher, i) => {
          expect(cipher > 0n && cipher < publicKey._n2).toBe(true);
          expect(privateKey.decrypt(cipher)).toBe(encodeFixedPoint(model.data[i], publicKey.n, scale));
        });
        expect(Array.from(model.data)).toEqual(before);
      }),
      RUNS,
    );
  });

  test('the same weights encrypted twice give different ciphertexts that decrypt to the same values', () => {
    assertProperty(
      fc.property(modelArb, (model) => {
        const first = encryptWeights(publicKey, model);
        const second = encryptWeights(publicKey, model);
        first.forEach((cipher, i) => {
          expect(cipher).not.toBe(second[i]);
          expect(privateKey.decrypt(cipher)).toBe(privateKey.decrypt(second[i]));
        });
        // Equal weights inside one model do not give equal ciphertexts either.
        const twins = encryptWeights(publicKey, new NDArray(Float64Array.from([0.5, 0.5]), [2]));
        expect(twins[0]).not.toBe(twins[1]);
      }),
      RUNS,
    );
  });

  test('uses the default scale of 2^32 and works with the book-size key', () => {
    const model = new NDArray(Float64Array.from([0.75, -0.125]), [2]);
    const encrypted = encryptWeights(bookSizeKeys.publicKey, model);
    expect(encrypted.map((c) => decodeFixedPoint(bookSizeKeys.privateKey.decrypt(c), bookSizeKeys.publicKey.n))).toEqual([0.75, -0.125]);
  });
});

describe('task 15.8 aggregateEncrypted', () => {
  test('decrypt(sum of encryptions) is the sum of the weights within the fixed-point precision, negatives included', () => {
    assertProperty(
      fc.property(usersArb, scaleArb, (models, scale) => {
        const encrypted = models.map((m) => referenceEncrypt(m, scale));
        const copies = encrypted.map((e) => [...e]);
        const aggregate = aggregateEncrypted(publicKey, encrypted);
        expect(aggregate).toHaveLength(models[0].size);
        aggregate.forEach((cipher, i) => {
          const sum = models.reduce((acc, m) => acc + m.data[i], 0);
          const decoded = decodeFixedPoint(privateKey.decrypt(cipher), publicKey.n, scale);
          expect(Math.abs(decoded - sum)).toBeLessThanOrEqual((0.5 * models.length) / scale + 1e-12);
        });
        expect(encrypted).toEqual(copies);
      }),
      RUNS,
    );
  });

  test('adds ciphertexts only: the sum is itself a fresh-looking ciphertext, never a plaintext', () => {
    assertProperty(
      fc.property(fc.array(weightArb, { minLength: 3, maxLength: 3 }), (values) => {
        const encrypted = values.map((x) => [publicKey.encrypt(encodeFixedPoint(x, publicKey.n))]);
        const [sum] = aggregateEncrypted(publicKey, encrypted);
        expect(sum).toBe((((encrypted[0][0] * encrypted[1][0]) % publicKey._n2) * encrypted[2][0]) % publicKey._n2);
      }),
      RUNS,
    );
  });

  test('bad input: fewer than two models, or models of different lengths', () => {
    const one = referenceEncrypt(new NDArray(Float64Array.from([1, 2]), [2]), 2 ** 32);
    expect(() => aggregateEncrypted(publicKey, [one])).toThrow(/aggregateEncrypted: need at least two encrypted models, got 1/);
    expect(() => aggregateEncrypted(publicKey, [one, one.slice(1)])).toThrow(/aggregateEncrypted: model 1 has 1 ciphertexts, model 0 has 2/);
  });
});

describe('task 15.9 decryptAverage', () => {
  test('the decrypted, decoded aggregate divided by the user count is the plain federated average', () => {
    assertProperty(
      fc.property(usersArb, scaleArb, (models, scale) => {
        const aggregate = Array.from(models[0].data, (_, i) =>
          publicKey.addition(...models.map((m) => publicKey.encrypt(encodeFixedPoint(m.data[i], publicKey.n, scale)))),
        );
        const average = decryptAverage(privateKey, aggregate, models.length, models[0].shape, scale);
        expect(average.shape).toEqual(models[0].shape);
        const plain = federatedAverage(models);
        average.data.forEach((v, i) => expect(Math.abs(v - plain.data[i])).toBeLessThanOrEqual(0.5 / scale + 1e-12));
      }),
      RUNS,
    );
  });

  test('returns the average, not the last user\'s model (the book\'s listing 15.12 decrypted Sue\'s alone)', () => {
    const bob = new NDArray(Float64Array.from([1, -2]), [2, 1]);
    const sue = new NDArray(Float64Array.from([3, 4]), [2, 1]);
    const aggregate = [0, 1].map((i) => publicKey.addition(...[bob, sue].map((m) => publicKey.encrypt(encodeFixedPoint(m.data[i], publicKey.n)))));
    expectClose(decryptAverage(privateKey, aggregate, 2, [2, 1]), new NDArray(Float64Array.from([2, 1]), [2, 1]));
  });

  test('bad input: a count that is not a positive integer, a shape that does not fit', () => {
    const aggregate = [publicKey.encrypt(1n), publicKey.encrypt(2n)];
    expect(() => decryptAverage(privateKey, aggregate, 0, [2])).toThrow(/decryptAverage: count 0 must be a positive integer/);
    expect(() => decryptAverage(privateKey, aggregate, 1.5, [2])).toThrow(/decryptAverage: count 1.5/);
    expect(() => decryptAverage(privateKey, aggregate, 2, [3, 1])).toThrow(/decryptAverage: 2 ciphertexts cannot fill shape \[3, ?1\]/);
  });
});
