import type { FigureGenerator } from './index';
const d = (): string => '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#eee"/></svg>';
export const figures: Record<string, FigureGenerator> = Object.fromEntries(['multi-input-network','single-vs-multi-input','error-curves','frozen-weight','multi-output-network','mimo-network','mnist-network','mnist-weights','dot-product-similarity'].map((n) => [`chapter-05/${n}`, d]));
