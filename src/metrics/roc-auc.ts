/**
 * ROC AUC: the probability that a random positive scores above a random negative, ties counting half
 * (the Mann-Whitney U statistic / (n+ · n−), Hanley & McNeil 1982); equal to sklearn's roc_auc_score.
 */

/**
 * @param labels 0/1 per item; @param scores any real per item (same length)
 * @returns AUC in [0, 1], or NaN when one class is absent
 * @throws Error on different lengths
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  if (scores.length !== n) throw new Error(`rocAuc: ${n} labels but ${scores.length} scores`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  // Mid-ranks (1-based) over runs of tied scores.
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        rankSumPos += mid;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
