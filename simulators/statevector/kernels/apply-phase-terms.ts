/**
 * One pass for a whole run of diagonal gates: the state is multiplied by
 *
 *   D(i) = scalar · Π_q f_q(bit_q(i)) · Π_{(a,b)} g_ab(bit_a(i), bit_b(i))
 *
 * (one-qubit terms f_q, two-qubit terms g_ab: what p, rz, z, s, t, cz, cp, crz, rzz and the
 * CX·P·CX blocks of the ZZ feature map fuse into). D is never stored: the index is split into
 * L low bits and n − L high bits, and
 *   - TL[iL] (low one-qubit terms and low–low pairs) is built once, 2^L entries;
 *   - TH[iH] (high one-qubit terms, high–high pairs, scalar) is built once, 2^(n−L) entries;
 *   - for each iH the low–high pairs reduce to one-qubit factors of the low bits, so their
 *     product over iL is built by doubling (2^L complex products, in cache).
 * Each amplitude then costs about three complex products, whatever the number of terms.
 */

/** Most bits the in-cache low table covers (2^12 entries: 128 KiB of scratch in all). */
export const PHASE_TABLE_MAX_LOW_BITS = 12;

/**
 * The low-table width L minimising the work besides the final two products per amplitude:
 * building TL (2^L per low pair) and TH (2^(n−L) per high pair), and per high index the
 * doubling (2·2^L) when cross pairs exist.
 */
export function chooseLowBits(numQubits: number, pairQubits: Int32Array): number {
  let best = numQubits < PHASE_TABLE_MAX_LOW_BITS ? numQubits : PHASE_TABLE_MAX_LOW_BITS;
  let bestCost = Infinity;
  const maxL = best;
  for (let L = Math.max(0, numQubits - 22); L <= maxL; L++) {
    let low = 0, high = 0, cross = 0;
    for (let p = 0; p < pairQubits.length; p += 2) {
      const b = pairQubits[p + 1]!;
      if (b < L) low++;
      else if (pairQubits[p]! >= L) high++;
      else cross++;
    }
    const H = numQubits - L;
    const cost = 2 ** L * (low + 2) + 2 ** H * (high + 2) + (cross ? 2 ** H * (2 * 2 ** L + cross + L) : 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = L;
    }
  }
  return best;
}

/**
 * Multiplies the state in place by the diagonal described above.
 *
 * @param re real parts, length 2^n
 * @param im imaginary parts, length 2^n
 * @param numQubits n
 * @param one per-qubit factors, 4 numbers per qubit q at 4q: f_q(0).re, f_q(0).im, f_q(1).re,
 *   f_q(1).im (use 1, 0, 1, 0 for a qubit without a term)
 * @param pairQubits 2 numbers per pair term: a, b with a < b
 * @param pairDiag 8 numbers per pair term: g(bit_a, bit_b) at local index bit_a + 2·bit_b, as
 *   (re, im) pairs
 * @param scalarRe, scalarIm a constant factor (1, 0 for none)
 * @param lowBits the table split L (default: {@link chooseLowBits}; tests force each value)
 *
 * @example One pair term on qubits (0, 1) with g = [1, e^{iθ}, e^{iθ}, 1] (CX·P(θ)·CX) on
 * re = [½, ½, ½, ½] gives [½, ½e^{iθ}, ½e^{iθ}, ½]: phase θ where the two bits differ.
 */
export function applyPhaseTerms(
  re: Float64Array,
  im: Float64Array,
  numQubits: number,
  one: Float64Array,
  pairQubits: Int32Array,
  pairDiag: Float64Array,
  scalarRe: number,
  scalarIm: number,
  lowBits = chooseLowBits(numQubits, pairQubits),
): void {
  const n = numQubits;
  const L = lowBits;
  const H = n - L;
  const sizeL = 1 << L;
  const sizeH = 1 << H;
  const numPairs = pairQubits.length >> 1;

  // TL over the low bits; TH over the high bits (with the scalar folded in).
  const tlr = new Float64Array(sizeL), tli = new Float64Array(sizeL);
  const thr = new Float64Array(sizeH), thi = new Float64Array(sizeH);
  buildTable(tlr, tli, one, 0, L, 1, 0);
  buildTable(thr, thi, one, L, H, scalarRe, scalarIm);

  // Cross pairs grouped by their low qubit: crossStart[k]..crossStart[k+1] index crossHigh/crossD.
  const crossStart = new Int32Array(L + 1);
  let numCross = 0;
  for (let p = 0; p < numPairs; p++) {
    const a = pairQubits[2 * p]!, b = pairQubits[2 * p + 1]!;
    if (b < L) multiplyPairIntoTable(tlr, tli, a, b, pairDiag, 8 * p);
    else if (a >= L) multiplyPairIntoTable(thr, thi, a - L, b - L, pairDiag, 8 * p);
    else {
      crossStart[a + 1]!++;
      numCross++;
    }
  }
  for (let k = 0; k < L; k++) crossStart[k + 1]! += crossStart[k]!;
  const crossHigh = new Int32Array(numCross);
  const crossD = new Float64Array(8 * numCross);
  const fill = crossStart.slice(0, L);
  for (let p = 0; p < numPairs; p++) {
    const a = pairQubits[2 * p]!, b = pairQubits[2 * p + 1]!;
    if (a < L && b >= L) {
      const slot = fill[a]!++;
      crossHigh[slot] = b - L;
      for (let e = 0; e < 8; e++) crossD[8 * slot + e] = pairDiag[8 * p + e]!;
    }
  }

  const tr = new Float64Array(sizeL), ti = new Float64Array(sizeL);
  const rr = new Float64Array(L), ri = new Float64Array(L);
  for (let iH = 0; iH < sizeH; iH++) {
    const base = iH << L;
    if (numCross === 0) {
      // TL times a constant.
      const hr = thr[iH]!, hi = thi[iH]!;
      for (let iL = 0; iL < sizeL; iL++) {
        const pr = tlr[iL]! * hr - tli[iL]! * hi;
        const pi = tlr[iL]! * hi + tli[iL]! * hr;
        const j = base + iL;
        const xr = re[j]!, xi = im[j]!;
        re[j] = pr * xr - pi * xi;
        im[j] = pr * xi + pi * xr;
      }
      continue;
    }
    // Cross factors as S · Π_k r_k^{bit k}, S = TH[iH] · Π_k g_k(0), r_k = g_k(1)/g_k(0): then the
    // doubling costs one complex product per entry (t[j + 2^k] = t[j] · r_k).
    let sr = thr[iH]!, si = thi[iH]!;
    for (let k = 0; k < L; k++) {
      let g0r = 1, g0i = 0, g1r = 1, g1i = 0;
      for (let c = crossStart[k]!; c < crossStart[k + 1]!; c++) {
        const o = 8 * c + 4 * ((iH >>> crossHigh[c]!) & 1);
        const d0r = crossD[o]!, d0i = crossD[o + 1]!, d1r = crossD[o + 2]!, d1i = crossD[o + 3]!;
        const a0r = g0r * d0r - g0i * d0i;
        g0i = g0r * d0i + g0i * d0r;
        g0r = a0r;
        const a1r = g1r * d1r - g1i * d1i;
        g1i = g1r * d1i + g1i * d1r;
        g1r = a1r;
      }
      // r = g1 / g0 (|g0| = 1 for unitary terms; divide anyway so non-unit terms stay exact)
      const inv = 1 / (g0r * g0r + g0i * g0i);
      rr[k] = (g1r * g0r + g1i * g0i) * inv;
      ri[k] = (g1i * g0r - g1r * g0i) * inv;
      const a = sr * g0r - si * g0i;
      si = sr * g0i + si * g0r;
      sr = a;
    }
    tr[0] = sr;
    ti[0] = si;
    for (let k = 0; k < L; k++) {
      const half = 1 << k;
      const fr = rr[k]!, fi = ri[k]!;
      for (let j = 0; j < half; j++) {
        const xr = tr[j]!, xi = ti[j]!;
        tr[j + half] = xr * fr - xi * fi;
        ti[j + half] = xr * fi + xi * fr;
      }
    }
    for (let iL = 0; iL < sizeL; iL++) {
      const ar = tlr[iL]!, ai = tli[iL]!, br = tr[iL]!, bi = ti[iL]!;
      const pr = ar * br - ai * bi;
      const pi = ar * bi + ai * br;
      const j = base + iL;
      const xr = re[j]!, xi = im[j]!;
      re[j] = pr * xr - pi * xi;
      im[j] = pr * xi + pi * xr;
    }
  }
}

/**
 * Fills t (length 2^bits) with start · Π_{k<bits} f_{first+k}(bit k of the index), by doubling.
 */
function buildTable(
  tr: Float64Array,
  ti: Float64Array,
  one: Float64Array,
  first: number,
  bits: number,
  startRe: number,
  startIm: number,
): void {
  tr[0] = startRe;
  ti[0] = startIm;
  for (let k = 0; k < bits; k++) {
    const o = 4 * (first + k);
    const f0r = one[o]!, f0i = one[o + 1]!, f1r = one[o + 2]!, f1i = one[o + 3]!;
    const half = 1 << k;
    for (let j = 0; j < half; j++) {
      const xr = tr[j]!, xi = ti[j]!;
      tr[j + half] = xr * f1r - xi * f1i;
      ti[j + half] = xr * f1i + xi * f1r;
      tr[j] = xr * f0r - xi * f0i;
      ti[j] = xr * f0i + xi * f0r;
    }
  }
}

/** t[j] ← t[j] · g(bit a of j, bit b of j) for every j. */
function multiplyPairIntoTable(
  tr: Float64Array,
  ti: Float64Array,
  a: number,
  b: number,
  d: Float64Array,
  offset: number,
): void {
  for (let j = 0; j < tr.length; j++) {
    const o = offset + 2 * (((j >>> a) & 1) | (((j >>> b) & 1) << 1));
    const gr = d[o]!, gi = d[o + 1]!;
    const xr = tr[j]!, xi = ti[j]!;
    tr[j] = xr * gr - xi * gi;
    ti[j] = xr * gi + xi * gr;
  }
}
