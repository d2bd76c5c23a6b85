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
import { synthesizeBlock, type BlockEmitter, type FeatureMapCircuitOptions, type QiskitFeatureMapOptions } from './feature-map-synthesis';

export type { FeatureMapCircuitOptions, QiskitFeatureMapOptions } from './feature-map-synthesis';

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
  circuit(name = 'x', options: FeatureMapCircuitOptions = {}): Circuit {
    const plain = !options.insertBarriers && options.name === undefined;
    return name === 'x' && plain ? this.xTemplate().copy() : this.build(name, options);
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
  private build(name: string, options: FeatureMapCircuitOptions = {}): Circuit {
    const v = new ParameterVector(name, this.featureDimension);
    const c = new Circuit(this.numQubits, { name: options.name ?? 'PauliFeatureMap' });
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
      // Qiskit's barriers: after each H layer, and after each rep's evolutions but the last.
      ...(options.insertBarriers
        ? { afterHLayer: () => void c.barrier(), afterRep: (rep: number) => void (rep < this.reps - 1 && c.barrier()) }
        : {}),
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
    this.layers.forEach((blocks, rep) => {
      for (let q = 0; q < this.numQubits; q++) emit.gate('h', q);
      emit.afterHLayer?.();
      for (const { pauli, tuple } of blocks) {
        onBlock(tuple, b++);
        synthesizeBlock(pauli, tuple, emit);
      }
      emit.afterRep?.(rep);
    });
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

/**
 * Qiskit's positional arguments (featureDimension, reps, entanglement, alpha[, paulis]) with an
 * optional trailing keyword object, or the keyword object alone in the reps slot, merged into one
 * set of options (a keyword beats the positional value it repeats).
 */
function qiskitArgs(
  featureDimension: number,
  rest: ReadonlyArray<unknown>,
  withPaulis: boolean,
): QiskitFeatureMapOptions & { featureDimension: number } {
  const kwIndex = rest.findIndex((a) => typeof a === 'object' && a !== null && !Array.isArray(a));
  const kw = (kwIndex >= 0 ? rest[kwIndex] : {}) as QiskitFeatureMapOptions;
  const pos = kwIndex >= 0 ? rest.slice(0, kwIndex) : rest;
  const [reps, entanglement, alpha, paulis] = pos as [number?, Entanglement?, number?, (readonly string[])?];
  if (!withPaulis && paulis !== undefined) {
    throw new InputValidationError('this feature map takes (featureDimension, reps, entanglement, alpha, options); Qiskit\'s data_map_func is not supported');
  }
  return {
    featureDimension,
    reps: kw.reps ?? reps,
    entanglement: kw.entanglement ?? entanglement,
    alpha: kw.alpha ?? alpha,
    paulis: kw.paulis ?? paulis,
    parameterPrefix: kw.parameterPrefix,
    insertBarriers: kw.insertBarriers,
    name: kw.name,
  };
}

/** The circuit of the positional form, with Qiskit's parameter prefix, barriers and name. */
function qiskitCircuit(o: QiskitFeatureMapOptions & { featureDimension: number }, paulis: readonly string[] | undefined, defaultName: string): Circuit {
  const fm = new PauliFeatureMap({
    featureDimension: o.featureDimension,
    ...(paulis ? { paulis } : {}),
    ...(o.reps !== undefined ? { reps: o.reps } : {}),
    ...(o.entanglement !== undefined ? { entanglement: o.entanglement } : {}),
    ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
  });
  return fm.circuit(o.parameterPrefix ?? 'x', { insertBarriers: o.insertBarriers ?? false, name: o.name ?? defaultName });
}

/**
 * Qiskit's `pauli_feature_map`: defaults reps 2, 'full', alpha 2, paulis ['Z', 'ZZ'].
 *
 * Two forms. With an options object it returns the {@link PauliFeatureMap} the kernels take
 * (its `circuit()` is the circuit). With Qiskit's positional signature,
 * `pauliFeatureMap(featureDimension, reps, entanglement, alpha, paulis, { parameterPrefix,
 * insertBarriers, name })` (any trailing arguments may be left out, or given as one keyword
 * object), it returns the parameterised circuit itself, as Qiskit does; each call builds a new one.
 *
 * @example
 * const fm = pauliFeatureMap({ featureDimension: 3, paulis: ['Z', 'XX'], entanglement: 'linear' });
 * fm.circuit().parameters; // ['x[0]', 'x[1]', 'x[2]']
 * const circuit = pauliFeatureMap(3, 1, 'linear', 2, ['Z', 'XX']); // Qiskit's call, a Circuit
 */
export function pauliFeatureMap(
  featureDimension: number,
  reps?: number | QiskitFeatureMapOptions,
  entanglement?: Entanglement | QiskitFeatureMapOptions,
  alpha?: number | QiskitFeatureMapOptions,
  paulis?: readonly string[] | QiskitFeatureMapOptions,
  options?: QiskitFeatureMapOptions,
): Circuit;
export function pauliFeatureMap(options: PauliFeatureMapOptions): PauliFeatureMap;
export function pauliFeatureMap(first: PauliFeatureMapOptions | number, ...rest: unknown[]): PauliFeatureMap | Circuit {
  if (typeof first !== 'number') return new PauliFeatureMap(first);
  const o = qiskitArgs(first, rest, true);
  return qiskitCircuit(o, o.paulis, 'PauliFeatureMap');
}

/**
 * Qiskit's `zz_feature_map` (paulis ['Z', 'ZZ']); needs at least 2 features.
 *
 * With an options object it returns the {@link PauliFeatureMap} for the kernels; with Qiskit's
 * positional signature `zzFeatureMap(featureDimension, reps, entanglement, alpha, { parameterPrefix,
 * insertBarriers, name })` it returns the circuit (named 'ZZFeatureMap'), as Qiskit does.
 *
 * @example
 * const fm = zzFeatureMap({ featureDimension: 2, reps: 2 });
 * const kernel = new QuantumKernel({ featureMap: fm });
 * const circuit = zzFeatureMap(2, 2, 'linear'); // Qiskit's call, a Circuit
 */
export function zzFeatureMap(
  featureDimension: number,
  reps?: number | QiskitFeatureMapOptions,
  entanglement?: Entanglement | QiskitFeatureMapOptions,
  alpha?: number | QiskitFeatureMapOptions,
  options?: QiskitFeatureMapOptions,
): Circuit;
export function zzFeatureMap(options: Omit<PauliFeatureMapOptions, 'paulis'>): PauliFeatureMap;
export function zzFeatureMap(first: Omit<PauliFeatureMapOptions, 'paulis'> | number, ...rest: unknown[]): PauliFeatureMap | Circuit {
  const n = typeof first === 'number' ? first : first.featureDimension;
  if (!(n >= 2)) {
    throw new InputValidationError(`the ZZ feature map needs at least 2 features, got ${String(n)}`);
  }
  if (typeof first !== 'number') return new PauliFeatureMap({ ...first, paulis: ['Z', 'ZZ'] });
  return qiskitCircuit(qiskitArgs(first, rest, false), ['Z', 'ZZ'], 'ZZFeatureMap');
}

/**
 * Qiskit's `z_feature_map` (paulis ['Z']; entanglement is irrelevant).
 *
 * With an options object it returns the {@link PauliFeatureMap} for the kernels; with Qiskit's
 * positional signature `zFeatureMap(featureDimension, reps, entanglement, alpha, { parameterPrefix,
 * insertBarriers, name })` it returns the circuit (named 'ZFeatureMap'), as Qiskit does.
 *
 * @example
 * const fm = zFeatureMap({ featureDimension: 4, reps: 1 });
 * fm.isDiagonal; // true: H layers and Z phases only
 * const circuit = zFeatureMap(3, 3, { insertBarriers: true }); // Qiskit's docstring example
 */
export function zFeatureMap(
  featureDimension: number,
  reps?: number | QiskitFeatureMapOptions,
  entanglement?: Entanglement | QiskitFeatureMapOptions,
  alpha?: number | QiskitFeatureMapOptions,
  options?: QiskitFeatureMapOptions,
): Circuit;
export function zFeatureMap(options: Omit<PauliFeatureMapOptions, 'paulis' | 'entanglement'>): PauliFeatureMap;
export function zFeatureMap(first: Omit<PauliFeatureMapOptions, 'paulis' | 'entanglement'> | number, ...rest: unknown[]): PauliFeatureMap | Circuit {
  if (typeof first !== 'number') return new PauliFeatureMap({ ...first, paulis: ['Z'] });
  return qiskitCircuit(qiskitArgs(first, rest, false), ['Z'], 'ZFeatureMap');
}
