import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWat, moduleSource, WASM_MODULES } from './build';

describe('committed WebAssembly bytes', () => {
  test.each(WASM_MODULES.map((m) => [m.wat, m]))('%s compiles to the committed module', async (_, m) => {
    const text = readFileSync(join(__dirname, m.wat), 'utf8');
    const expected = moduleSource(m.wat, m.name, await compileWat(m.wat, text));
    // If this fails, the .wat changed without rebuilding: run `npx tsx kernels/wasm/build.ts`.
    expect(readFileSync(join(__dirname, m.out), 'utf8')).toBe(expected);
  });
});
