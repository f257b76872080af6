/**
 * Classification metrics shared by the chapters' evaluation loops.
 */
import type { NDArray } from '../ndarray';
import { checkNdim, checkSameShape } from './check';

/**
 * How many rows of `prediction` have their largest value where `target` has its largest (the
 * first index wins a tie in both, as np.argmax does): the book's
 * `correct_cnt += int(np.argmax(layer_2) == np.argmax(labels))`, for a whole batch.
 * @example countCorrect(array([[0.1, 0.9], [0.8, 0.2]]), array([[0, 1], [0, 1]])) // 1
 */
export function countCorrect(prediction: NDArray, target: NDArray): number {
  checkNdim('countCorrect', 'prediction', prediction, 2);
  checkSameShape('countCorrect', ['prediction', 'target'], prediction, target);
  const [rows, classes] = prediction.shape;
  const p = prediction.data;
  const t = target.data;
  let correct = 0;
  for (let r = 0, base = 0; r < rows; r++, base += classes) {
    let best = 0;
    let truth = 0;
    for (let c = 1; c < classes; c++) {
      if (p[base + c] > p[base + best]) best = c;
      if (t[base + c] > t[base + truth]) truth = c;
    }
    if (best === truth) correct++;
  }
  return correct;
}
