import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { KernelMatrix } from './kernel-matrix';

/**
 * qiskit-machine-learning's `_make_psd`: eigen-decompose K, clip negative eigenvalues to 0 and
 * rebuild V·diag(max(0, w))·Vᵀ. Qiskit calls `np.linalg.eig`; our symmetric kernels are exactly
 * symmetric (k(x,y) and k(y,x) share one entry), so the symmetric solver gives the same
 * projection with orthonormal eigenvectors. Writes the result into `k` in place.
 */
export function makePsd(k: KernelMatrix): void {
  const n = k.rows;
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, k.data[i * n + j]!);
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const w = eig.realEigenvalues;
  const v = eig.eigenvectorMatrix;
  if (w.every((x) => x >= 0)) return;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let e = 0; e < n; e++) if (w[e]! > 0) s += v.get(i, e) * w[e]! * v.get(j, e);
      k.data[i * n + j] = s;
      k.data[j * n + i] = s;
    }
  }
}
