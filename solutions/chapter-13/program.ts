/**
 * Chapter 13's experiment: the book's toy runs (placeholder while the full program is written).
 */
import { runIfMain, type ProgramContext } from '../../kernels/program';
import { TOY_RUNS } from './toys';

/** Prints each toy run's losses. */
export function run(context: ProgramContext): void {
  for (const toy of TOY_RUNS) {
    const result = toy(context.faithful);
    context.log(result.title);
    for (const loss of result.losses) context.log(String(loss));
  }
}

runIfMain(module, run);
