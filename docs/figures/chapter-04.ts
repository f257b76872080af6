import type { FigureGenerator } from './index';

export const figures: Record<string, FigureGenerator> = {};
