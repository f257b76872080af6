/**
 * Secure aggregation with Paillier encryption (listings 15.11 and 15.12, with the book's
 * decryption bug fixed). The model owner holds the private key and hands out the public key;
 * each user encrypts their trained weights, the users multiply their ciphertexts together
 * (which adds the plaintexts), and the owner decrypts only the sum.
 */
import { NDArray, formatShape, shapeSize, type Shape } from '../../kernels';
import { DEFAULT_SCALE, decodeFixedPoint, encodeFixedPoint } from './fixed-point';
import type { PrivateKey, PublicKey } from './keys';

/** One user's model in encrypted form: one ciphertext per weight, in row-major order. */
export type EncryptedWeights = readonly bigint[];

/**
 * Exercise 15.7: encrypts every weight of a model: encode it with {@link encodeFixedPoint},
 * then `publicKey.encrypt`. Each call draws fresh randomness, so encrypting the same model
 * twice gives different ciphertexts.
 * @param publicKey the model owner's public key
 * @param weights the trained weights (not modified)
 * @param scale the fixed-point scale
 */
export function encryptWeights(publicKey: PublicKey, weights: NDArray, scale: number = DEFAULT_SCALE): bigint[] {
  // #region solution 15.7
  return Array.from(weights.data, (value) => publicKey.encrypt(encodeFixedPoint(value, publicKey.n, scale)));
  // #endregion
}

/**
 * Exercise 15.8: adds encrypted models weight by weight without decrypting anything:
 * `publicKey.addition` multiplies ciphertexts modulo `n^2`, which adds the plaintexts.
 * @param publicKey the key every model was encrypted with
 * @param encryptedModels two or more encrypted models of the same length (not modified)
 * @throws when there are fewer than two models or their lengths differ
 */
export function aggregateEncrypted(publicKey: PublicKey, encryptedModels: readonly EncryptedWeights[]): bigint[] {
  // #region solution 15.8
  if (encryptedModels.length < 2) {
    throw new Error(`aggregateEncrypted: need at least two encrypted models, got ${encryptedModels.length}`);
  }
  const length = encryptedModels[0].length;
  encryptedModels.forEach((model, k) => {
    if (model.length !== length) {
      throw new Error(`aggregateEncrypted: model ${k} has ${model.length} ciphertexts, model 0 has ${length}`);
    }
  });
  return Array.from({ length }, (_, i) => publicKey.addition(...encryptedModels.map((model) => model[i])));
  // #endregion
}

/**
 * Exercise 15.9: what only the model owner can do: decrypt the aggregate, decode each sum
 * with {@link decodeFixedPoint} and divide by the number of users, giving the federated
 * average as an array of the model's shape.
 * @param privateKey the owner's private key
 * @param aggregate the encrypted sum from {@link aggregateEncrypted}
 * @param count how many models were summed
 * @param shape the model's shape (its size must equal `aggregate.length`)
 * @param scale the fixed-point scale the users encoded with
 * @throws when `count` is not a positive integer or the shape does not match
 */
export function decryptAverage(
  privateKey: PrivateKey,
  aggregate: EncryptedWeights,
  count: number,
  shape: Shape,
  scale: number = DEFAULT_SCALE,
): NDArray {
  // #region solution 15.9
  if (!Number.isInteger(count) || count < 1) throw new Error(`decryptAverage: count ${count} must be a positive integer`);
  if (shapeSize(shape) !== aggregate.length) {
    throw new Error(`decryptAverage: ${aggregate.length} ciphertexts cannot fill shape ${formatShape(shape)}`);
  }
  const n = privateKey.publicKey.n;
  const data = Float64Array.from(aggregate, (cipher) => decodeFixedPoint(privateKey.decrypt(cipher), n, scale) / count);
  return new NDArray(data, shape);
  // #endregion
}
