/**
 * Generic k-qubit dense gate (k ≤ 3 in practice: 2-qubit gates without a special form,
 * ccx/cswap fall back to permutations elsewhere), in place with a small scratch buffer.
 *
 * @param qubits gate arguments; argument j is bit j of the matrix index
 * @param m interleaved (re, im) row-major matrix of dimension 2^k
 * @param scratch at least 4·2^k numbers, reused between calls (no allocation in the loop)
 *
 * @example ECR on qubits [0, 1] of |00⟩ (re = [1, 0, 0, 0]) writes column 0 of the ECR matrix:
 * re = [0, 1/√2, 0, 0], im = [0, 0, 0, −1/√2].
 */
export function applyDense(
  re: Float64Array,
  im: Float64Array,
  qubits: readonly number[],
  m: Float64Array,
  scratch: Float64Array,
): void {
  const n = re.length;
  const k = qubits.length;
  const dim = 1 << k;
  let mask = 0;
  for (let j = 0; j < k; j++) mask |= 1 << qubits[j]!;
  // offsets[s] = index offset for local basis state s
  const offs = scratch.subarray(0, dim);
  for (let s = 0; s < dim; s++) {
    let o = 0;
    for (let j = 0; j < k; j++) if ((s >> j) & 1) o |= 1 << qubits[j]!;
    offs[s] = o;
  }
  const vr = scratch.subarray(dim, 2 * dim);
  const vi = scratch.subarray(2 * dim, 3 * dim);
  for (let base = 0; base < n; base++) {
    if (base & mask) continue;
    for (let s = 0; s < dim; s++) {
      const idx = base + offs[s]!;
      vr[s] = re[idx]!;
      vi[s] = im[idx]!;
    }
    for (let r = 0; r < dim; r++) {
      let sr = 0, si = 0;
      const row = 2 * r * dim;
      for (let c = 0; c < dim; c++) {
        const mr = m[row + 2 * c]!, mi = m[row + 2 * c + 1]!;
        sr += mr * vr[c]! - mi * vi[c]!;
        si += mr * vi[c]! + mi * vr[c]!;
      }
      const idx = base + offs[r]!;
      re[idx] = sr;
      im[idx] = si;
    }
  }
}
