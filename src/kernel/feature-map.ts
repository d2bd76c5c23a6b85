import { Circuit } from '../circuit/circuit';
import { ParameterExpression, ParameterVector, type Angle } from '../circuit/parameter';
import { InputValidationError } from '../core/errors';
import { Statevector } from '../quantum-info/statevector';
import {
  compileParametricPlan,
  runParametricPlan,
  type ParametricPlan,
  type PlanInput,
} from '../../simulators/statevector';
import { entanglerMap, type Entanglement } from './entanglement';

/** Options of {@link pauliFeatureMap}; defaults are Qiskit's (`pauli_feature_map`). */
export interface PauliFeatureMapOptions {
  /** Number of features = number of qubits. */
  featureDimension: number;
  /** Pauli strings, applied in list order (case-insensitive). Default ['Z', 'ZZ'] (['Z'] for 1 qubit). */
  paulis?: readonly string[];
  /** Repetitions (each starts with an H layer). Default 2. */
  reps?: number;
  /** Default 'full'. A callable receives the rep index. */
  entanglement?: Entanglement;
  /** Angle scale: θ = alpha·φ_S(x). Default 2. */
  alpha?: number;
  /**
   * Bandwidth c > 0: the features are scaled x → c·x before encoding (Shaydulin & Wild 2022), so
   * φ_S = c·x_i for one qubit and Π_{j∈S}(π − c·x_j) otherwise. Default 1 (Qiskit's map). A small
   * c keeps the encoded states close together, the remedy for kernel values that concentrate.
   */
  bandwidth?: number;
}

/** One evolution block: a Pauli string on a qubit tuple. */
export interface FeatureMapBlock {
  /** The Pauli string, one letter per qubit of `tuple` (e.g. `ZZ`), Qiskit's letter order. */
  readonly pauli: string;
  /** The qubits (= feature indices) the block acts on. */
  readonly tuple: readonly number[];
}

/**
 * A Pauli feature map exactly as Qiskit ≥ 1.3 builds it (`pauli_feature_map`): per rep an H
 * layer, then for each Pauli string (list order) and each entanglement tuple (map order) the
 * block U_S = B†·diag(e^{iθ·parity})·B with θ = alpha·φ_S(x), φ_S = x_i for one qubit and
 * Π_{j∈S}(π − x_j) otherwise. Build with {@link pauliFeatureMap}, {@link zzFeatureMap} or
 * {@link zFeatureMap}.
 *
 * Two ways to use it: {@link PauliFeatureMap.circuit} gives the parameterised circuit with
 * Qiskit's gate sequence (for hardware), and {@link PauliFeatureMap.encodeInto} writes the exact
 * statevector through the statevector engine: the same block sequence is compiled once into an
 * engine plan (the fixed H and basis-change gates fused, each block's CX chain · P(θ) · CX chain
 * a parity phase filled from θ), so a data point costs only its angles and the passes.
 *
 * @example
 * const fm = zzFeatureMap({ featureDimension: 2 });
 * const circuit = fm.circuit(); // parameterised by x[0], x[1], for hardware
 */
export class PauliFeatureMap {
  /** Number of features per data point. */
  readonly featureDimension: number;
  /** Number of qubits: one per feature. */
  readonly numQubits: number;
  /** The Pauli strings, in the order their blocks are applied within a rep. */
  readonly paulis: readonly string[];
  /** How many times the H layer and the blocks repeat. */
  readonly reps: number;
  /** The angle scale: θ = alpha · φ_S(x) (Qiskit's default 2). */
  readonly alpha: number;
  /** The bandwidth c: features are encoded as c·x (1: Qiskit's map unchanged). */
  readonly bandwidth: number;
  /** The blocks of each rep, entanglement resolved (rep → blocks in application order). */
  readonly layers: ReadonlyArray<readonly FeatureMapBlock[]>;
  /** True when every letter is Z or I: the map is H layers and diagonal phases only. */
  readonly isDiagonal: boolean;
  /** A canonical description: equal ids ⇔ equal maps (cache keys use it). */
  readonly id: string;
  private template?: Circuit;
  private plan?: ParametricPlan;
  /** Scratch of {@link encodeInto}: one angle per block (encoding is synchronous). */
  private readonly thetas: Float64Array;

  /**
   * @param options - dimension, Pauli strings, entanglement, reps and alpha
   * @throws {@link InputValidationError} for an invalid option (e.g. a dimension outside 1 to 30)
   */
  constructor(options: PauliFeatureMapOptions) {
    const n = options.featureDimension;
    if (!Number.isInteger(n) || n < 1 || n > 30) {
      throw new InputValidationError(`featureDimension must be an integer in [1, 30], got ${String(n)}`);
    }
    const reps = options.reps ?? 2;
    if (!Number.isInteger(reps) || reps < 1) throw new InputValidationError(`reps must be an integer ≥ 1, got ${String(reps)}`);
    const alpha = options.alpha ?? 2;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new InputValidationError(`alpha must be a finite number`);
    const bandwidth = options.bandwidth ?? 1;
    if (typeof bandwidth !== 'number' || !Number.isFinite(bandwidth) || !(bandwidth > 0)) {
      throw new InputValidationError(`bandwidth must be a finite number > 0, got ${String(bandwidth)}`);
    }
    const paulis = (options.paulis ?? (n === 1 ? ['Z'] : ['Z', 'ZZ'])).map((p) => String(p).toUpperCase());
    if (paulis.length === 0) throw new InputValidationError('paulis must name at least one Pauli string');
    for (const p of paulis) {
      if (!/^[IXYZ]+$/.test(p)) throw new InputValidationError(`Pauli string '${p}' may contain only I, X, Y, Z`);
      if (p.length > n) throw new InputValidationError(`Pauli string '${p}' is longer than the ${n} qubits`);
    }
    const ent = options.entanglement ?? 'full';
    const layers: FeatureMapBlock[][] = [];
    for (let rep = 0; rep < reps; rep++) {
      const e = typeof ent === 'function' ? ent(rep) : ent;
      const blocks: FeatureMapBlock[] = [];
      for (const p of paulis) for (const t of entanglerMap(n, p.length, e, rep)) blocks.push({ pauli: p, tuple: t });
      layers.push(blocks);
    }
    this.featureDimension = n;
    this.numQubits = n;
    this.paulis = Object.freeze(paulis);
    this.reps = reps;
    this.alpha = alpha;
    this.bandwidth = bandwidth;
    this.layers = Object.freeze(layers.map((l) => Object.freeze(l)));
    this.isDiagonal = paulis.every((p) => /^[IZ]+$/.test(p));
    // Bandwidth 1 leaves the id as it was, so caches and run keys of unscaled maps are unchanged.
    this.id = `pauli(n=${n};a=${alpha};${bandwidth === 1 ? '' : `c=${bandwidth};`}` + layers.map((l) => l.map((b) => `${b.pauli}@${b.tuple.join('.')}`).join(',')).join('|') + ')';
    this.thetas = new Float64Array(layers.reduce((k, l) => k + l.length, 0));
  }

  /** θ of one block for features `x[off..off+n)` (each scaled by the bandwidth; φ folded left to right from 1.0, alpha last). */
  angle(tuple: readonly number[], x: ArrayLike<number>, off = 0): number {
    const c = this.bandwidth;
    if (tuple.length === 1) return c * x[off + tuple[0]!]! * this.alpha;
    let acc = 1;
    for (const j of tuple) acc *= Math.PI - c * x[off + j]!;
    return acc * this.alpha;
  }

  /**
   * The parameterised circuit (parameters `name[0..n-1]`), Qiskit's exact gate sequence:
   * H layer; per block basis change (H for X, SX for Y), CX chain onto S[−1], P(θ), chain back,
   * inverse basis change (H, SX†). Each call returns a circuit of the caller's own: editing it
   * (say `compose(ansatz, { inplace: true })`) never changes the map or what it hands out later.
   */
  circuit(name = 'x'): Circuit {
    return name === 'x' ? this.xTemplate().copy() : this.build(name);
  }

  /**
   * The circuit with parameters `x[..]`, built once and private to this map: the sampled and
   * hardware kernel paths bind it, so it must never reach a caller who could mutate it.
   */
  private xTemplate(): Circuit {
    this.template ??= this.build('x');
    return this.template;
  }

  /** Builds the parameterised circuit afresh (see {@link circuit}). */
  private build(name: string): Circuit {
    const v = new ParameterVector(name, this.featureDimension);
    const c = new Circuit(this.numQubits, { name: 'PauliFeatureMap' });
    const pi = new ParameterExpression({ op: 'const', value: Math.PI });
    let theta: Angle = 0;
    // The bandwidth is part of the circuit's expressions, so binding the raw features encodes c·x.
    const feature = (j: number): ParameterExpression => (this.bandwidth === 1 ? v.get(j) : v.get(j).mul(this.bandwidth));
    const emit: BlockEmitter = {
      gate: (name, q) => c.append(name, [q]),
      parity: (qs) => {
        for (let k = qs.length - 1; k >= 1; k--) c.cx(qs[k]!, qs[k - 1]!);
        c.p(theta, qs[0]!);
        for (let k = 1; k < qs.length; k++) c.cx(qs[k]!, qs[k - 1]!);
      },
    };
    this.synthesize(emit, (tuple) => {
      if (tuple.length === 1) theta = feature(tuple[0]!).mul(this.alpha);
      else {
        let acc: ParameterExpression | undefined;
        for (const j of tuple) acc = acc ? acc.mul(pi.sub(feature(j))) : pi.sub(feature(j));
        theta = acc!.mul(this.alpha);
      }
    });
    return c;
  }

  /**
   * Qiskit's block sequence, written to `emit`: per rep an H layer, then per block (`onBlock`
   * is told its tuple first) the basis change, the parity phase, the inverse basis change.
   * {@link circuit} and the engine plan are both written from it.
   */
  private synthesize(emit: BlockEmitter, onBlock: (tuple: readonly number[], block: number) => void): void {
    let b = 0;
    for (const blocks of this.layers) {
      for (let q = 0; q < this.numQubits; q++) emit.gate('h', q);
      for (const { pauli, tuple } of blocks) {
        onBlock(tuple, b++);
        synthesizeBlock(pauli, tuple, emit);
      }
    }
  }

  /** The engine plan of the block sequence (compiled on first use): parity phase of block b = angle slot b. */
  private enginePlan(): ParametricPlan {
    if (this.plan) return this.plan;
    const inputs: PlanInput[] = [];
    let slot = 0;
    this.synthesize(
      {
        gate: (name, q) => void inputs.push({ name, qubits: [q], params: [] }),
        parity: (qs) => void inputs.push({ mask: qs.reduce((m, q) => m | (1 << q), 0), slot }),
      },
      (_tuple, block) => (slot = block),
    );
    this.plan = compileParametricPlan(this.numQubits, inputs);
    return this.plan;
  }

  /** The circuit with features bound (checks the feature count). */
  assign(x: ArrayLike<number>): Circuit {
    if (x.length !== this.featureDimension) {
      throw new InputValidationError(`expected ${this.featureDimension} features, got ${x.length}`);
    }
    const bindings: Record<string, number> = {};
    for (let i = 0; i < x.length; i++) bindings[`x[${i}]`] = x[i]!;
    const c = this.xTemplate();
    const used = new Set(c.parameters);
    for (const k of Object.keys(bindings)) if (!used.has(k)) delete bindings[k];
    return c.assignParameters(bindings);
  }

  /**
   * Writes the exact statevector (global phase included) for features `x[xOff..xOff+n)` into
   * `re` and `im` (2^n each; views into larger arrays are fine): the engine runs the compiled
   * plan with this point's block angles. Equals the gate-by-gate simulation of
   * {@link assign}(x) to rounding.
   */
  encodeInto(x: ArrayLike<number>, xOff: number, re: Float64Array, im: Float64Array): void {
    const plan = this.enginePlan();
    let b = 0;
    for (const blocks of this.layers) for (const { tuple } of blocks) this.thetas[b++] = this.angle(tuple, x, xOff);
    runParametricPlan(plan, this.thetas, { numQubits: this.numQubits, re, im });
  }

  /**
   * The exact statevector of one point.
   * @throws {InputValidationError} for a wrong feature count or a non-finite feature
   */
  statevector(x: ArrayLike<number>): Statevector {
    if (x.length !== this.featureDimension) {
      throw new InputValidationError(`expected ${this.featureDimension} features, got ${x.length}`);
    }
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i])) throw new InputValidationError(`feature ${i} is not a finite number (${String(x[i])})`);
    }
    const dim = 2 ** this.numQubits;
    const re = new Float64Array(dim);
    const im = new Float64Array(dim);
    this.encodeInto(x, 0, re, im);
    return new Statevector({ numQubits: this.numQubits, re, im });
  }
}

/** Where one block's synthesis goes: the circuit (gates) or the engine plan (gates and parity phases). */
interface BlockEmitter {
  /** An H of a rep's H layer, or a basis change: H for X, SX for Y before the parity phase; H, SX† after it. */
  gate(name: 'h' | 'sx' | 'sxdg', q: number): void;
  /** e^{iθ·parity} on the active qubits: CX chain onto qs[0], P(θ) there, chain back. */
  parity(qs: readonly number[]): void;
}

/** Qiskit's synthesis of one evolution block (`sparse_term_evolution`, phase gate form), to `emit`. */
function synthesizeBlock(pauli: string, tuple: readonly number[], emit: BlockEmitter): void {
  // Active qubits in reversed-tuple order: q[0] = the last tuple qubit with a non-I letter
  // (letter k from the left acts on tuple[len−1−k]: the rightmost letter is on S[0]).
  const active: Array<[string, number]> = [];
  for (let k = 0; k < pauli.length; k++) {
    const letter = pauli[k]!;
    if (letter !== 'I') active.push([letter, tuple[pauli.length - 1 - k]!]);
  }
  if (active.length === 0) return;
  for (const [l, q] of active) {
    if (l === 'X') emit.gate('h', q);
    else if (l === 'Y') emit.gate('sx', q);
  }
  emit.parity(active.map(([, q]) => q));
  for (const [l, q] of active) {
    if (l === 'X') emit.gate('h', q);
    else if (l === 'Y') emit.gate('sxdg', q);
  }
}

/**
 * Qiskit's `pauli_feature_map`: defaults reps 2, 'full', alpha 2, paulis ['Z', 'ZZ'].
 *
 * @example
 * const fm = pauliFeatureMap({ featureDimension: 3, paulis: ['Z', 'XX'], entanglement: 'linear' });
 * fm.circuit().parameters; // ['x[0]', 'x[1]', 'x[2]']
 */
export function pauliFeatureMap(options: PauliFeatureMapOptions): PauliFeatureMap {
  return new PauliFeatureMap(options);
}

/**
 * Qiskit's `zz_feature_map` (paulis ['Z', 'ZZ']); needs at least 2 features.
 *
 * @example
 * const fm = zzFeatureMap({ featureDimension: 2, reps: 2 });
 * const kernel = new QuantumKernel({ featureMap: fm });
 */
export function zzFeatureMap(options: Omit<PauliFeatureMapOptions, 'paulis'>): PauliFeatureMap {
  if (!(options.featureDimension >= 2)) {
    throw new InputValidationError(`the ZZ feature map needs at least 2 features, got ${String(options.featureDimension)}`);
  }
  return new PauliFeatureMap({ ...options, paulis: ['Z', 'ZZ'] });
}

/**
 * Qiskit's `z_feature_map` (paulis ['Z']; entanglement is irrelevant).
 *
 * @example
 * const fm = zFeatureMap({ featureDimension: 4, reps: 1 });
 * fm.isDiagonal; // true: H layers and Z phases only
 */
export function zFeatureMap(options: Omit<PauliFeatureMapOptions, 'paulis' | 'entanglement'>): PauliFeatureMap {
  return new PauliFeatureMap({ ...options, paulis: ['Z'] });
}
