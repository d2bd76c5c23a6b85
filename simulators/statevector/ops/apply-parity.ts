/**
 * Parity phases, in place on split re/im: amplitude k gains e^{iθ} when parity(k & mask) is odd.
 * That is the diagonal of CX-chain · P(θ) · CX-chain over the mask's qubits (a Pauli-Z string's
 * evolution block): one pass for one term (two values: no trigonometry per amplitude), and a
 * Gray-code pass for many commuting terms at once.
 */
import { parity } from '../../../src/core/bits';

/** Low bits of the index whose parities are listed once per pass (2^10 entries). */
const PARITY_LOW_BITS = 10;
/** The low indices of odd parity, then those of even parity (scratch of one synchronous pass). */
const lowOrder = new Int32Array(1 << PARITY_LOW_BITS);

/**
 * Multiplies every amplitude k with parity(k & mask) = 1 by (c + i·s), touching only those.
 * The index splits into low bits (L ≤ 10) and high bits: parity(k & mask) = parity of the low
 * part ⊕ parity of the high part, so per block of 2^L amplitudes the odd (or even) low indices,
 * listed once, are the ones to multiply.
 *
 * @example numQubits 2, mask 0b11, (c, s) = (0, 1) on re = [½, ½, ½, ½]: amplitudes 1 and 2
 * (odd parity) become i/2.
 */
export function applyParityPhase(re: Float64Array, im: Float64Array, numQubits: number, mask: number, c: number, s: number): void {
  const L = numQubits < PARITY_LOW_BITS ? numQubits : PARITY_LOW_BITS;
  const sizeL = 1 << L;
  const maskL = mask & (sizeL - 1);
  const maskH = mask >>> L;
  const sizeH = 1 << (numQubits - L);
  if (maskL === 0) {
    // The parity is constant on each block: whole blocks or nothing.
    for (let iH = 0; iH < sizeH; iH++) {
      if (parity(iH & maskH) === 0) continue;
      const end = (iH + 1) << L;
      for (let j = iH << L; j < end; j++) {
        const xr = re[j]!, xi = im[j]!;
        re[j] = c * xr - s * xi;
        im[j] = c * xi + s * xr;
      }
    }
    return;
  }
  // Half of the low indices have odd parity: list those first, the even ones after.
  const half = sizeL >> 1;
  let odd = 0, even = half;
  for (let iL = 0; iL < sizeL; iL++) {
    if (parity(iL & maskL) === 1) lowOrder[odd++] = iL;
    else lowOrder[even++] = iL;
  }
  for (let iH = 0; iH < sizeH; iH++) {
    const base = iH << L;
    // High parity odd: the even low indices complete an odd total.
    const from = parity(iH & maskH) === 0 ? 0 : half;
    const to = from + half;
    for (let t = from; t < to; t++) {
      const j = base + lowOrder[t]!;
      const xr = re[j]!, xi = im[j]!;
      re[j] = c * xr - s * xi;
      im[j] = c * xi + s * xr;
    }
  }
}

/**
 * Multiplies amplitude k by exp(i·Σ_t θ_t·parity(k & mask_t)) for `count` commuting terms in
 * O(2^n · terms per qubit) instead of O(2^n · count): amplitudes are visited in Gray-code order,
 * so one step flips one qubit q and only the terms containing q change parity
 * (`adj[adjStart[q] … adjStart[q+1])` lists them). The running phase is re-summed exactly every
 * 1024 steps to bound rounding drift; the angles should be reduced to [−π, π] by the caller so
 * that the sum stays small. One cos/sin per amplitude.
 *
 * @param thetas the terms' angles, `count` of them
 * @param par scratch of ≥ `count` bytes (the terms' current parities)
 */
export function applyParityPhasesGray(
  re: Float64Array,
  im: Float64Array,
  numQubits: number,
  thetas: Float64Array,
  count: number,
  adjStart: Int32Array,
  adj: Int32Array,
  par: Uint8Array,
): void {
  const dim = 1 << numQubits;
  par.fill(0, 0, count);
  let phi = 0;
  let k = 0;
  for (let step = 1; step < dim; step++) {
    const q = 31 - Math.clz32(step & -step);
    k ^= 1 << q;
    const end = adjStart[q + 1]!;
    for (let a = adjStart[q]!; a < end; a++) {
      // Branch-free toggle: parity 0 → 1 adds θ_t, 1 → 0 subtracts it.
      const t = adj[a]!;
      const pt = par[t]!;
      phi += thetas[t]! * (1 - 2 * pt);
      par[t] = pt ^ 1;
    }
    if ((step & 1023) === 0) {
      phi = 0;
      for (let t = 0; t < count; t++) if (par[t] === 1) phi += thetas[t]!;
    }
    const c = Math.cos(phi);
    const s = Math.sin(phi);
    const xr = re[k]!, xi = im[k]!;
    re[k] = c * xr - s * xi;
    im[k] = c * xi + s * xr;
  }
}

/** The Gray-code adjacency of terms (qubit → the terms whose mask contains it), for {@link applyParityPhasesGray}. */
export function parityAdjacency(numQubits: number, masks: Int32Array): { adjStart: Int32Array; adj: Int32Array } {
  const lists: number[][] = Array.from({ length: numQubits }, () => []);
  masks.forEach((m, t) => {
    for (let q = 0; q < numQubits; q++) if (m & (1 << q)) lists[q]!.push(t);
  });
  const adjStart = new Int32Array(numQubits + 1);
  for (let q = 0; q < numQubits; q++) adjStart[q + 1] = adjStart[q]! + lists[q]!.length;
  return { adjStart, adj: Int32Array.from(lists.flat()) };
}
