/** The last index of an ascending array whose value is at most `value` (0 when none is: the first entry). */
export function lastIndexAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle] <= value) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}
