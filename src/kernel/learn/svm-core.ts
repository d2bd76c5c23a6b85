/**
 * Trained libsvm machines as plain data, and their decision values computed here.
 *
 * Why not keep libsvm's in-memory model: libsvm-js exposes labels only (no decision values), and
 * its text form writes rho, probA and probB with `%g` (6 significant digits), so a model read back
 * from that text can predict differently from the one trained near the boundary. Instead each
 * machine is read out once after training: the coefficients from the text (`%.16g`), rho
 * recovered from libsvm itself to rounding (see {@link recoverRho}). Predictions of a fresh model
 * and of a saved-and-loaded one then run through the same arithmetic on the same numbers.
 *
 * The decision value is libsvm's: Σ_i coef_i · K(x, sv_i) − rho, summed in the model's SV order;
 * for a C-SVC pair (a, b), a positive value votes for a (the pair's first class).
 */
import { InputValidationError } from '../../core/errors';

/** The parts of libsvm-js's SVM class the learners use (beyond what `loadLibSvm` types). */
export interface LibSvmModel {
  train(samples: number[][], labels: number[]): void;
  predictOne(sample: number[]): number;
  predict(samples: number[][]): number[];
  predictOneProbability(sample: number[]): { prediction: number; estimates: Array<{ label: number; probability: number }> };
  serializeModel(): string;
  free(): void;
}
/** libsvm-js's SVM constructor and its option constants. */
export interface LibSvmConstructor {
  new (options: Record<string, unknown>): LibSvmModel;
  readonly SVM_TYPES: Record<string, string>;
  readonly KERNEL_TYPES: Record<string, string>;
}

let svmClass: Promise<LibSvmConstructor> | undefined;

/**
 * Loads libsvm-js's asm build once. Its entry point returns the class (0.2.x) or a promise of it
 * (other versions); both are awaited.
 */
export function loadLibSvm(): Promise<LibSvmConstructor> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  svmClass ??= Promise.resolve(require('libsvm-js/asm') as LibSvmConstructor | Promise<LibSvmConstructor>);
  return svmClass;
}

/** One support vector line of a libsvm model: its coefficients and its 1-based training serial. */
interface SvLine {
  coefs: number[];
  serial: number;
}

/** The fields of libsvm's model text that the learners read. */
export interface ParsedLibsvmModel {
  svmType: string;
  nrClass: number;
  /** As written (6 significant digits): a starting point for {@link recoverRho}, never used to predict. */
  rho: number[];
  labels?: number[];
  probA?: number[];
  probB?: number[];
  sv: SvLine[];
}

/** Parses libsvm's model text (`svm_save_model`) for a precomputed-kernel model. */
export function parseLibsvmModel(text: string): ParsedLibsvmModel {
  const lines = text.split('\n');
  const head = new Map<string, string[]>();
  let i = 0;
  for (; i < lines.length && lines[i]!.trim() !== 'SV'; i++) {
    const [key, ...rest] = lines[i]!.trim().split(/\s+/);
    if (key) head.set(key, rest);
  }
  const nums = (k: string): number[] | undefined => head.get(k)?.map(Number);
  const sv: SvLine[] = [];
  for (i++; i < lines.length; i++) {
    const parts = lines[i]!.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    const node = parts[parts.length - 1]!;
    // A precomputed model's SV is one node "0:serial" after its coefficients.
    if (!node.startsWith('0:')) throw new Error(`libsvm model line ${i + 1} is not a precomputed-kernel support vector: '${lines[i]}'`);
    sv.push({ coefs: parts.slice(0, -1).map(Number), serial: Number(node.slice(2)) });
  }
  return {
    svmType: head.get('svm_type')?.[0] ?? '',
    nrClass: Number(head.get('nr_class')?.[0] ?? 2),
    rho: nums('rho') ?? [],
    labels: nums('label'),
    probA: nums('probA'),
    probB: nums('probB'),
    sv,
  };
}

/**
 * One trained two-class (or regression) machine: decision(x) = Σ coef[i] · K(x, sv[i]) − rho.
 * `sv` are indices into the owning model's list of support vectors.
 */
export interface Machine {
  /** Indices of this machine's support vectors in the model's support-vector list, in libsvm's order. */
  sv: number[];
  /** The dual coefficients (y_i α_i for classification, α_i − α_i* for regression). */
  coef: number[];
  /** The offset, recovered from libsvm to rounding. */
  rho: number;
  /** Platt scaling (libsvm `probA`/`probB`, as libsvm writes them: 6 significant digits), when trained with probabilities. */
  probA?: number;
  /** See {@link Machine.probA}. */
  probB?: number;
}

/** libsvm's decision value of `machine` given K(x, sv_j) for the model's support vectors. */
export function decisionValue(machine: Machine, kRow: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < machine.sv.length; i++) sum += machine.coef[i]! * kRow[machine.sv[i]!]!;
  return sum - machine.rho;
}

/** libsvm's `sigmoid_predict`: P(first class | decision value) under Platt scaling A, B (written to avoid overflow). */
export function sigmoidPredict(dec: number, A: number, B: number): number {
  const f = dec * A + B;
  return f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
}

/**
 * rho of a trained two-class libsvm model, from libsvm itself: a precomputed row that is zero
 * except K = t at one support vector's serial has decision c·t − rho, and libsvm answers the
 * first label exactly when that is positive. Bisection on t from the 6-digit value finds the
 * boundary to the last bits (≈1e-16 relative).
 */
export function recoverRho(svm: LibSvmModel, parsed: ParsedLibsvmModel, trainSize: number): number {
  const first = parsed.labels![0]!;
  const s = parsed.sv.reduce((best, l) => (Math.abs(l.coefs[0]!) > Math.abs(best.coefs[0]!) ? l : best), parsed.sv[0]!);
  const c = s.coefs[0]!;
  const row = new Array<number>(trainSize + 1).fill(0);
  // decision(t) = c·t − rho > 0 ⇔ the first label: positive(v) for a candidate value v = c·t.
  const positive = (v: number): boolean => {
    row[s.serial] = v / c;
    return svm.predictOne(row) === first;
  };
  const r6 = parsed.rho[0]!;
  let width = Math.abs(r6) * 1e-5 + 1e-300;
  let lo = r6 - width;
  let hi = r6 + width;
  for (let k = 0; k < 60 && (positive(lo) || !positive(hi)); k++) {
    width *= 16;
    lo = r6 - width;
    hi = r6 + width;
  }
  if (positive(lo) || !positive(hi)) return r6; // not bracketed (should not happen): the written value
  for (let k = 0; k < 200; k++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    if (positive(mid)) hi = mid;
    else lo = mid;
  }
  return lo + (hi - lo) / 2;
}

/** libsvm rows of a precomputed kernel over the points `subset` of a full Gram matrix (`gram(i, j)`). */
export function subsetRows(gram: (i: number, j: number) => number, subset: readonly number[]): number[][] {
  return subset.map((i, r) => [r + 1, ...subset.map((j) => gram(i, j))]);
}

/** Options of a two-class C-SVC fit. */
export interface BinaryFitOptions {
  C: number;
  tolerance: number;
  /** Also fit Platt scaling (libsvm's internal 5-fold cross-validation). */
  probability?: boolean;
}

/**
 * Trains libsvm's C-SVC on the points `pos` (first class, +1) then `neg` (−1) of a Gram matrix
 * and returns the machine with `sv` as indices into the full training set (caller remaps).
 */
export async function fitBinary(
  gram: (i: number, j: number) => number,
  pos: readonly number[],
  neg: readonly number[],
  options: BinaryFitOptions,
): Promise<Machine> {
  const SVM = await loadLibSvm();
  const subset = [...pos, ...neg];
  const svm = new SVM({
    type: SVM.SVM_TYPES.C_SVC,
    kernel: SVM.KERNEL_TYPES.PRECOMPUTED,
    cost: options.C,
    tolerance: options.tolerance,
    probabilityEstimates: options.probability === true,
    quiet: true,
  });
  try {
    svm.train(subsetRows(gram, subset), subset.map((_, r) => (r < pos.length ? 1 : -1)));
    const parsed = parseLibsvmModel(svm.serializeModel());
    if (parsed.labels?.[0] !== 1) throw new Error(`libsvm put label ${String(parsed.labels?.[0])} first, expected the first class (+1)`);
    return {
      sv: parsed.sv.map((l) => subset[l.serial - 1]!),
      coef: parsed.sv.map((l) => l.coefs[0]!),
      rho: recoverRho(svm, parsed, subset.length),
      ...(parsed.probA ? { probA: parsed.probA[0]!, probB: parsed.probB![0]! } : {}),
    };
  } finally {
    svm.free();
  }
}

/** Options of an epsilon-SVR fit. */
export interface RegressionFitOptions {
  C: number;
  epsilon: number;
  tolerance: number;
}

/**
 * Trains libsvm's epsilon-SVR on a precomputed Gram matrix. rho is exact here: libsvm's
 * regression prediction is the decision value itself, so an all-zero kernel row returns −rho.
 */
export async function fitRegression(gram: (i: number, j: number) => number, n: number, targets: readonly number[], options: RegressionFitOptions): Promise<Machine> {
  const SVM = await loadLibSvm();
  const all = Array.from({ length: n }, (_, i) => i);
  const svm = new SVM({
    type: SVM.SVM_TYPES.EPSILON_SVR,
    kernel: SVM.KERNEL_TYPES.PRECOMPUTED,
    cost: options.C,
    epsilon: options.epsilon,
    tolerance: options.tolerance,
    quiet: true,
  });
  try {
    svm.train(subsetRows(gram, all), [...targets]);
    const parsed = parseLibsvmModel(svm.serializeModel());
    return { sv: parsed.sv.map((l) => l.serial - 1), coef: parsed.sv.map((l) => l.coefs[0]!), rho: -svm.predictOne(new Array<number>(n + 1).fill(0)) };
  } finally {
    svm.free();
  }
}

/** Class labels: all numbers or all strings. */
export type ClassLabel = number | string;

/**
 * The distinct labels, sorted (numbers ascending, strings by code unit), and each point's class
 * index. Mixed or non-finite labels are refused.
 */
export function encodeLabels(labels: readonly ClassLabel[], what = 'labels'): { classes: ClassLabel[]; index: number[] } {
  const numeric = !labels.some((l) => typeof l !== 'number');
  if (!numeric && labels.some((l) => typeof l !== 'string')) throw new InputValidationError(`${what} must be all numbers or all strings`);
  if (numeric && labels.some((l) => !Number.isFinite(l))) throw new InputValidationError(`${what} must be finite numbers`);
  const classes = [...new Set<ClassLabel>(labels)].sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  const at = new Map(classes.map((c, i) => [c, i]));
  return { classes, index: labels.map((l) => at.get(l)!) };
}

/** A two-class machine of a one-vs-one ensemble: `pair[0]` wins when the decision is positive. */
export interface PairMachine extends Machine {
  /** The two class indices, the first below the second. */
  pair: [number, number];
}

/**
 * One-vs-one C-SVC, as libsvm does multi-class natively: one machine per class pair (a, b),
 * a < b in class order, trained on the points of a (first) and b only. Returns the machines with
 * `sv` renumbered into `support`, the sorted training indices of every support vector.
 */
export async function fitOneVsOne(
  gram: (i: number, j: number) => number,
  classIndex: readonly number[],
  nClasses: number,
  options: BinaryFitOptions,
): Promise<{ machines: PairMachine[]; support: number[] }> {
  const members: number[][] = Array.from({ length: nClasses }, () => []);
  classIndex.forEach((c, i) => members[c]!.push(i));
  const raw: PairMachine[] = [];
  for (let a = 0; a < nClasses; a++) {
    for (let b = a + 1; b < nClasses; b++) raw.push({ pair: [a, b], ...(await fitBinary(gram, members[a]!, members[b]!, options)) });
  }
  const support = [...new Set(raw.flatMap((m) => m.sv))].sort((x, y) => x - y);
  const at = new Map(support.map((t, k) => [t, k]));
  return { machines: raw.map((m) => ({ ...m, sv: m.sv.map((t) => at.get(t)!) })), support };
}

/**
 * libsvm's one-vs-one vote: each pair's machine votes for its first class when its decision is
 * positive, else for its second; the most votes win, a tie going to the lower class index.
 */
export function oneVsOneVote(machines: readonly PairMachine[], decisions: readonly number[], nClasses: number): number {
  const votes = new Array<number>(nClasses).fill(0);
  machines.forEach((m, k) => votes[decisions[k]! > 0 ? m.pair[0] : m.pair[1]]!++);
  let best = 0;
  for (let c = 1; c < nClasses; c++) if (votes[c]! > votes[best]!) best = c;
  return best;
}

/**
 * libsvm's two-class probability: P(first class) = the Platt sigmoid of the decision value,
 * clamped to [1e-7, 1 − 1e-7] as libsvm clamps pairwise probabilities.
 */
export function binaryProbability(m: Machine, dec: number): [number, number] {
  const p = Math.min(Math.max(sigmoidPredict(dec, m.probA!, m.probB!), 1e-7), 1 - 1e-7);
  return [p, 1 - p];
}

/**
 * libsvm's `multiclass_probability` (Wu, Lin and Weng 2004, their second method): class
 * probabilities p from pairwise ones r[i][j] ≈ P(i | i or j) by minimising
 * Σ_{i<j} (r[j][i]·p_i − r[i][j]·p_j)² subject to Σp = 1, with libsvm's fixed-point iteration
 * (start p = 1/k, at most max(100, k) sweeps, stop when every |(Qp)_t − pᵀQp| < 0.005/k).
 */
export function coupleProbabilities(r: readonly (readonly number[])[]): number[] {
  const k = r.length;
  const Q: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const p = new Array<number>(k).fill(1 / k);
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < t; j++) {
      Q[t]![t]! += r[j]![t]! * r[j]![t]!;
      Q[t]![j] = Q[j]![t]!;
    }
    for (let j = t + 1; j < k; j++) {
      Q[t]![t]! += r[j]![t]! * r[j]![t]!;
      Q[t]![j] = -r[j]![t]! * r[t]![j]!;
    }
  }
  const Qp = new Array<number>(k).fill(0);
  const eps = 0.005 / k;
  for (let iter = 0; iter < Math.max(100, k); iter++) {
    // Recomputed every sweep for accuracy, as libsvm does.
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t]! += Q[t]![j]! * p[j]!;
      pQp += p[t]! * Qp[t]!;
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t]! - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t]! + pQp) / Q[t]![t]!;
      p[t]! += diff;
      pQp = (pQp + diff * (diff * Q[t]![t]! + 2 * Qp[t]!)) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j]! + diff * Q[t]![j]!) / (1 + diff);
        p[j]! /= 1 + diff;
      }
    }
  }
  return p;
}

/** Class probabilities of one point from its one-vs-one decision values (libsvm's `svm_predict_probability`). */
export function oneVsOneProbabilities(machines: readonly PairMachine[], decisions: readonly number[], nClasses: number): number[] {
  if (nClasses === 2) return binaryProbability(machines[0]!, decisions[0]!);
  const r: number[][] = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  machines.forEach((m, k) => {
    const [pi] = binaryProbability(m, decisions[k]!);
    r[m.pair[0]]![m.pair[1]] = pi;
    r[m.pair[1]]![m.pair[0]] = 1 - pi;
  });
  return coupleProbabilities(r);
}
