/**
 * The cost of chapter 15's encrypted federated averaging, per weight and by key size: the
 * book's 128-bit demonstration key, 1024 bits (the book's minimum for real use) and 2048 bits
 * (today's usual minimum). Called by scripts/bench.ts; kept apart so the kernel benchmarks stay
 * about kernels.
 */
import { generateRandomKeysSync } from 'paillier-bigint';
import { encodeFixedPoint } from '../solutions/chapter-15/fixed-point';

/** Key sizes measured, in bits of n. */
export const PAILLIER_KEY_BITS = [128, 1024, 2048] as const;

/** Mean milliseconds per call of `run(i)`, for at least 3 calls and about `budgetMs` in all. */
function perCall(run: (i: number) => void, budgetMs: number): number {
  run(0);
  const start = performance.now();
  let calls = 0;
  while (calls < 3 || performance.now() - start < budgetMs) run(calls++);
  return (performance.now() - start) / calls;
}

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3);
}

/**
 * Measures key generation, encryption (fixed-point encoding included), homomorphic addition
 * and decryption at each key size, and returns a Markdown section with the table and what one
 * round of the chapter's run costs.
 * @param budgetMs time spent measuring each cell
 * @param weights the model size used for the per-round column (the offline run's vocabulary)
 */
export function benchPaillier(budgetMs: number, weights: number): string {
  const lines = [
    '| key (bits of n) | key generation (ms) | encrypt one weight (ms) | add two ciphertexts (ms) | decrypt one weight (ms) | one round, 3 users (s) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const bits of PAILLIER_KEY_BITS) {
    const k0 = performance.now();
    const { publicKey, privateKey } = generateRandomKeysSync(bits, true);
    const keygen = performance.now() - k0;
    const values = Array.from({ length: 64 }, (_, i) => Math.sin(i) * 3);
    const ciphers = values.map((v) => publicKey.encrypt(encodeFixedPoint(v, publicKey.n)));
    const encrypt = perCall((i) => publicKey.encrypt(encodeFixedPoint(values[i % 64], publicKey.n)), budgetMs);
    const add = perCall((i) => publicKey.addition(ciphers[i % 64], ciphers[(i + 1) % 64], ciphers[(i + 2) % 64]) , budgetMs) / 2;
    const decrypt = perCall((i) => privateKey.decrypt(ciphers[i % 64]), budgetMs);
    // A round: every user encrypts every weight, the ciphertexts are summed, the owner decrypts once.
    const round = (weights * (3 * encrypt + 2 * add + decrypt)) / 1000;
    lines.push(`| ${bits} | ${fmtMs(keygen)} | ${fmtMs(encrypt)} | ${fmtMs(add)} | ${fmtMs(decrypt)} | ${round.toFixed(round < 100 ? 1 : 0)} |`);
    console.log(`paillier ${bits} bits: keygen ${fmtMs(keygen)} ms, encrypt ${fmtMs(encrypt)} ms, add ${fmtMs(add)} ms, decrypt ${fmtMs(decrypt)} ms`);
  }
  return `### Paillier encryption (chapter 15)

\`paillier-bigint\` on one thread, each weight encoded with chapter 15's fixed-point encoding
(scale 2^32) before encryption. Key generation is one run (its primes are random, so it varies
a lot); the other cells are means over about ${budgetMs} ms of calls. "One round" is the whole
encrypted averaging of a ${weights.toLocaleString('en-US')}-weight model (the offline vocabulary
of \`npm run chapter -- 15\`): three users encrypt every weight, two additions per weight, one
decryption, computed from the cells, not measured.

${lines.join('\n')}`;
}
