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
 *   - for each iH the low–high pairs reduce to one-qubit factors R_k of the low bits (tabulated
 *     once per pass over iH), so their product over iL is built by doubling (2^L complex
 *     products, in cache).
 * Each amplitude then costs about three complex products, whatever the number of terms.
 */

/** Most bits the in-cache low table covers (2^12 entries: 128 KiB of scratch in all). */
export const PHASE_TABLE_MAX_LOW_BITS = 12;

/**
 * The low-table width L minimising the work besides the final two products per amplitude:
 * building TL (2^L per low pair) and TH (2^(n−L) per high pair), and per high index the
 * doubling (2·2^L) when cross pairs exist (and the R tables, 2·L per high index).
 * `minLowBits` bounds H = n − L (the WebAssembly path sizes its scratch for H ≤ 14).
 */
export function chooseLowBits(numQubits: number, pairQubits: Int32Array, minLowBits = numQubits - 22): number {
  let best = numQubits < PHASE_TABLE_MAX_LOW_BITS ? numQubits : PHASE_TABLE_MAX_LOW_BITS;
  let bestCost = Infinity;
  const maxL = best;
  for (let L = Math.min(maxL, Math.max(0, minLowBits)); L <= maxL; L++) {
    let low = 0, high = 0, cross = 0;
    for (let p = 0; p < pairQubits.length; p += 2) {
      const b = pairQubits[p + 1]!;
      if (b < L) low++;
      else if (pairQubits[p]! >= L) high++;
      else cross++;
    }
    const H = numQubits - L;
    const cost = 2 ** L * (low + 2) + 2 ** H * (high + 2) + (cross ? 2 ** H * (2 * 2 ** L + 2 * L) : 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = L;
    }
  }
  return best;
}

/**
 * The tables of one diagonal pass split at L low bits (H = n − L high bits):
 * - `tlr`/`tli` (≥ 2^L): TL[iL], the low one-qubit terms and low–low pairs;
 * - `thr`/`thi` (≥ 2^H): TH[iH], the high one-qubit terms, high–high pairs, the scalar, and each
 *   cross pair's factor g(0, bit_b);
 * - `rr`/`ri` (≥ L·2^H, only with cross pairs): R[iH·L + k] = Π_{cross pairs on low qubit k}
 *   g(1, bit_b)/g(0, bit_b), so that the diagonal is TL[iL] · TH[iH] · Π_k R[iH·L + k]^{bit k of iL}.
 */
export interface PhaseTables {
  readonly tlr: Float64Array;
  readonly tli: Float64Array;
  readonly thr: Float64Array;
  readonly thi: Float64Array;
  readonly rr: Float64Array;
  readonly ri: Float64Array;
}

/** Whether some pair term has its low qubit below the split and its high one above. */
export function hasCrossPairs(pairQubits: Int32Array, lowBits: number): boolean {
  for (let p = 0; p < pairQubits.length; p += 2) if (pairQubits[p]! < lowBits && pairQubits[p + 1]! >= lowBits) return true;
  return false;
}

/** Tables sized for a split (allocated: for one pass of the plain-TS path). */
export function allocatePhaseTables(numQubits: number, lowBits: number, cross: boolean): PhaseTables {
  const sizeL = 2 ** lowBits, sizeH = 2 ** (numQubits - lowBits);
  const sizeR = cross ? lowBits * sizeH : 0;
  return {
    tlr: new Float64Array(sizeL), tli: new Float64Array(sizeL),
    thr: new Float64Array(sizeH), thi: new Float64Array(sizeH),
    rr: new Float64Array(sizeR), ri: new Float64Array(sizeR),
  };
}

/**
 * Fills `t` (see {@link PhaseTables}) for the diagonal of {@link applyPhaseTerms} split at
 * `lowBits`; returns whether there are cross (low–high) pairs, i.e. whether R was written.
 */
export function buildPhaseTables(
  numQubits: number,
  one: Float64Array,
  pairQubits: Int32Array,
  pairDiag: Float64Array,
  scalarRe: number,
  scalarIm: number,
  lowBits: number,
  t: PhaseTables,
): boolean {
  const L = lowBits, H = numQubits - L;
  const sizeL = 1 << L, sizeH = 1 << H;
  const numPairs = pairQubits.length >> 1;
  // High one-qubit factors, times each cross pair's g(0, bit_b) (a factor of its high qubit).
  const high = one.slice(4 * L, 4 * numQubits);
  let cross = false;
  for (let p = 0; p < numPairs; p++) {
    const a = pairQubits[2 * p]!, b = pairQubits[2 * p + 1]!;
    if (a < L && b >= L) {
      cross = true;
      const o = 8 * p, q = 4 * (b - L);
      mulInto(high, q, pairDiag[o]!, pairDiag[o + 1]!);
      mulInto(high, q + 2, pairDiag[o + 4]!, pairDiag[o + 5]!);
    }
  }
  buildTable(t.tlr, t.tli, one, 0, L, 1, 0, 1, 0);
  buildTable(t.thr, t.thi, high, 0, H, scalarRe, scalarIm, 1, 0);
  for (let p = 0; p < numPairs; p++) {
    const a = pairQubits[2 * p]!, b = pairQubits[2 * p + 1]!;
    if (b < L) multiplyPairIntoTable(t.tlr, t.tli, a, b, pairDiag, 8 * p, sizeL);
    else if (a >= L) multiplyPairIntoTable(t.thr, t.thi, a - L, b - L, pairDiag, 8 * p, sizeH);
  }
  if (!cross) return false;
  // R_k over the high bits, by doubling, written iH-major (stride L) for the per-block reads.
  const f = new Float64Array(4 * H);
  for (let k = 0; k < L; k++) {
    for (let q = 0; q < H; q++) f.set(IDENTITY, 4 * q);
    for (let p = 0; p < numPairs; p++) {
      const a = pairQubits[2 * p]!, b = pairQubits[2 * p + 1]!;
      if (a !== k || b < L) continue;
      const o = 8 * p, q = 4 * (b - L);
      // g(1, β)/g(0, β) for β = 0, 1 (local index bit_a + 2·bit_b)
      divInto(f, q, pairDiag[o + 2]!, pairDiag[o + 3]!, pairDiag[o]!, pairDiag[o + 1]!);
      divInto(f, q + 2, pairDiag[o + 6]!, pairDiag[o + 7]!, pairDiag[o + 4]!, pairDiag[o + 5]!);
    }
    buildTable(t.rr, t.ri, f, 0, H, 1, 0, L, k);
  }
  return true;
}

const IDENTITY = [1, 0, 1, 0];

/** a[o..o+1] ← a[o..o+1] · (br + i·bi): one complex factor into a table of (re, im) pairs. */
export function mulInto(a: Float64Array, o: number, br: number, bi: number): void {
  const ar = a[o]!, ai = a[o + 1]!;
  a[o] = ar * br - ai * bi;
  a[o + 1] = ar * bi + ai * br;
}

/** f[o..o+1] ← (nr + i·ni)/(dr + i·di) (|d| = 1 for unitary terms; divide anyway). */
function divInto(f: Float64Array, o: number, nr: number, ni: number, dr: number, di: number): void {
  const inv = 1 / (dr * dr + di * di);
  f[o] = (nr * dr + ni * di) * inv;
  f[o + 1] = (ni * dr - nr * di) * inv;
}

/** Bits of iL whose cross factors form the table C (the rest form D): 64 + 64 scratch entries. */
const SPLIT_BITS = 6;

/**
 * The pass itself, given the tables: x[iH·2^L + iL] ·= TL[iL] · t[iL], with t the constant TH[iH]
 * (no cross pairs) or TH[iH] · Π_k R[iH·L + k]^{bit k of iL} = C[u] · D[v] (iL = v·2^6 + u),
 * C and D built by doubling in the scratch (tr, ti) (length ≥ 128). The WebAssembly kernel
 * `phases` is its twin, operation for operation.
 */
export function applyPhaseTables(
  re: Float64Array,
  im: Float64Array,
  lowBits: number,
  sizeH: number,
  t: PhaseTables,
  cross: boolean,
  tr: Float64Array,
  ti: Float64Array,
): void {
  const L = lowBits, sizeL = 1 << L;
  const Lu = L < SPLIT_BITS ? L : SPLIT_BITS, sizeU = 1 << Lu, sizeV = 1 << (L - Lu);
  const { tlr, tli, thr, thi, rr, ri } = t;
  for (let iH = 0; iH < sizeH; iH++) {
    const base = iH << L;
    if (!cross) {
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
    // t[iL] = C[u] · D[v] for iL = v·2^Lu + u: C (tr, ti from 0) over the low Lu bits from TH[iH],
    // D (tr, ti from 64) over the other bits from 1, both by doubling; all in L1.
    const rk = iH * L;
    tr[0] = thr[iH]!;
    ti[0] = thi[iH]!;
    doubleTable(tr, ti, 0, rr, ri, rk, Lu);
    tr[64] = 1;
    ti[64] = 0;
    doubleTable(tr, ti, 64, rr, ri, rk + Lu, L - Lu);
    let j = base;
    for (let v = 0; v < sizeV; v++) {
      const hr = tr[64 + v]!, hi = ti[64 + v]!;
      for (let u = 0; u < sizeU; u++, j++) {
        const br = tr[u]!, bi = ti[u]!;
        const er = br * hr - bi * hi;
        const ei = br * hi + bi * hr;
        const ar = tlr[j - base]!, ai = tli[j - base]!;
        const pr = ar * er - ai * ei;
        const pi = ar * ei + ai * er;
        const xr = re[j]!, xi = im[j]!;
        re[j] = pr * xr - pi * xi;
        im[j] = pr * xi + pi * xr;
      }
    }
  }
}

/** t[o + j + 2^k] = t[o + j] · R[rk + k] for k < bits (t[o] preset): t[o] · Π_k R_k^{bit k of j}. */
function doubleTable(tr: Float64Array, ti: Float64Array, o: number, rr: Float64Array, ri: Float64Array, rk: number, bits: number): void {
  for (let k = 0; k < bits; k++) {
    const half = 1 << k;
    const fr = rr[rk + k]!, fi = ri[rk + k]!;
    for (let j = o; j < o + half; j++) {
      const xr = tr[j]!, xi = ti[j]!;
      tr[j + half] = xr * fr - xi * fi;
      ti[j + half] = xr * fi + xi * fr;
    }
  }
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
 * @param scratch tables sized for this split (default: allocated for this call)
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
  scratch: PhaseScratch = allocatePhaseScratch(numQubits, lowBits, hasCrossPairs(pairQubits, lowBits)),
): void {
  const cross = buildPhaseTables(numQubits, one, pairQubits, pairDiag, scalarRe, scalarIm, lowBits, scratch.tables);
  applyPhaseTables(re, im, lowBits, 2 ** (numQubits - lowBits), scratch.tables, cross, scratch.tr, scratch.ti);
}

/** What one phase pass writes besides the state: its tables and the per-block C, D scratch (128 each). */
export interface PhaseScratch {
  readonly tables: PhaseTables;
  readonly tr: Float64Array;
  readonly ti: Float64Array;
}

/** Scratch for passes split at `lowBits` (kept by callers that run the same diagonal shape again and again). */
export function allocatePhaseScratch(numQubits: number, lowBits: number, cross: boolean): PhaseScratch {
  return { tables: allocatePhaseTables(numQubits, lowBits, cross), tr: new Float64Array(128), ti: new Float64Array(128) };
}

/**
 * Writes start · Π_{k<bits} f_{first+k}(bit k of j) at t[j·stride + offset] for j < 2^bits, by
 * doubling in place (entry j + 2^k from entry j).
 */
function buildTable(
  tr: Float64Array,
  ti: Float64Array,
  one: Float64Array,
  first: number,
  bits: number,
  startRe: number,
  startIm: number,
  stride: number,
  offset: number,
): void {
  tr[offset] = startRe;
  ti[offset] = startIm;
  for (let k = 0; k < bits; k++) {
    const o = 4 * (first + k);
    const f0r = one[o]!, f0i = one[o + 1]!, f1r = one[o + 2]!, f1i = one[o + 3]!;
    const half = 1 << k;
    for (let j = 0; j < half; j++) {
      const s = j * stride + offset, d = (j + half) * stride + offset;
      const xr = tr[s]!, xi = ti[s]!;
      tr[d] = xr * f1r - xi * f1i;
      ti[d] = xr * f1i + xi * f1r;
      tr[s] = xr * f0r - xi * f0i;
      ti[s] = xr * f0i + xi * f0r;
    }
  }
}

/** t[j] ← t[j] · g(bit a of j, bit b of j) for every j < size. */
function multiplyPairIntoTable(
  tr: Float64Array,
  ti: Float64Array,
  a: number,
  b: number,
  d: Float64Array,
  offset: number,
  size: number,
): void {
  for (let j = 0; j < size; j++) {
    const o = offset + 2 * (((j >>> a) & 1) | (((j >>> b) & 1) << 1));
    const gr = d[o]!, gi = d[o + 1]!;
    const xr = tr[j]!, xi = ti[j]!;
    tr[j] = xr * gr - xi * gi;
    ti[j] = xr * gi + xi * gr;
  }
}
