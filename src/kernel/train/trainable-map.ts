/**
 * Trainable feature maps: a parameterised circuit with two parameter vectors, the features
 * `x[0..d)` and the training parameters `theta[0..p)`, compiled once into a gate list whose
 * angles are evaluated per data point (value and ∂angle/∂θ by forward differentiation of the
 * angle's expression tree), so the fidelity kernel can be evaluated and differentiated by the
 * parameter-shift rule.
 */
import { Circuit } from '../../circuit/circuit';
import { ParameterVector, type Angle, type ExprNode } from '../../circuit/parameter';
import { InputValidationError } from '../../core/errors';
import { applyGate } from '../../../simulators/statevector';
import type { PauliFeatureMap } from '../feature-map';

/**
 * Gates whose trainable angle `a` enters as exp(−i·a·G/2) with G's eigenvalue differences in
 * {0, ±2} after the /2 (rx, ry, rz, rxx, ryy, rzz: G a Pauli product with eigenvalues ±1; p and
 * cp: e^{i·a·Π} with Π a projector, eigenvalues 0 and 1). Any expectation value is then
 * A + B·cos a + C·sin a, and the two-term shift rule ∂f/∂a = [f(a + π/2) − f(a − π/2)] / 2 is
 * exact. Controlled rotations (crx, cry, crz) have three distinct eigenvalue gaps and need a
 * four-term rule: they are refused rather than differentiated wrongly.
 */
export const SHIFT_RULE_GATES: ReadonlySet<string> = new Set(['rx', 'ry', 'rz', 'p', 'cp', 'rxx', 'ryy', 'rzz']);

/** One angle compiled from an expression: leaves resolved to feature or training slots. */
type Node =
  | { k: 'c'; v: number }
  | { k: 'x'; i: number }
  | { k: 't'; i: number }
  | { k: 'neg'; a: Node }
  | { k: 'add' | 'sub' | 'mul' | 'div'; a: Node; b: Node };

/** A gate of the compiled list. */
interface CompiledGate {
  readonly name: string;
  readonly qubits: readonly number[];
  /** The parameters: numbers, or compiled angle trees. */
  readonly params: ReadonlyArray<number | Node>;
  /** The training parameters the gate's (single) angle depends on; empty for a θ-free gate. */
  readonly thetas: readonly number[];
}

/**
 * A gate whose angle depends on the training parameters: the parameter-shift rule shifts each
 * such occurrence separately (a θ used in two gates has two occurrences).
 */
export interface TrainableOccurrence {
  /** Index of the gate in {@link TrainableFeatureMap.circuit}'s instructions. */
  readonly instruction: number;
  /** The gate's name (one of {@link SHIFT_RULE_GATES}). */
  readonly gate: string;
  /** Indices of the training parameters its angle depends on. */
  readonly thetas: readonly number[];
}

/** Options of {@link TrainableFeatureMap}. */
export interface TrainableFeatureMapOptions {
  /** The circuit, parameterised by `featureName[i]` and `trainingName[k]` only; no measurements. */
  circuit: Circuit;
  /** Name of the feature vector. Default `x`. */
  featureName?: string;
  /** Name of the training-parameter vector. Default `theta`. */
  trainingName?: string;
  /** Number of features; default 1 + the largest feature index used. */
  featureDimension?: number;
}

const SHIFT = Math.PI / 2;

/**
 * A feature map U(x, θ) with trainable parameters θ: any circuit whose gate angles are
 * expressions of the features `x[i]` and the training parameters `theta[k]` (for example a
 * trainable rotation layer composed before a data map, {@link trainableRotationFeatureMap}).
 * Gates whose angle involves θ must be one of {@link SHIFT_RULE_GATES} with one parameter.
 *
 * @example
 * const fm = trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
 * fm.numTrainingParameters; // 2: one RY angle per qubit
 */
export class TrainableFeatureMap {
  /**
   * The parameterised circuit: a copy on each read. The map compiled its gates and shift-rule
   * occurrences from its own copy at construction, so a caller editing either the circuit it
   * passed in or the one read here cannot leave them describing a different circuit.
   */
  get circuit(): Circuit {
    return this.ownCircuit.copy();
  }
  private readonly ownCircuit: Circuit;
  /** Number of qubits. */
  readonly numQubits: number;
  /** Number of features per data point. */
  readonly featureDimension: number;
  /** Number of training parameters θ. */
  readonly numTrainingParameters: number;
  /** Names of the training parameters, in index order (`theta[0]`, ...). */
  readonly trainingParameterNames: readonly string[];
  /** The θ-dependent gates, in circuit order. */
  readonly occurrences: readonly TrainableOccurrence[];
  private readonly gates: readonly CompiledGate[];

  /**
   * @param options - the circuit and its two vector names
   * @throws {@link InputValidationError} for a parameter of neither vector, a θ-dependent gate
   *   the shift rule does not cover, measurements or resets, or a missing training parameter index
   */
  constructor(options: TrainableFeatureMapOptions) {
    const xName = options.featureName ?? 'x';
    const tName = options.trainingName ?? 'theta';
    if (xName === tName) throw new InputValidationError('the feature and training vectors need different names');
    const circuit = options.circuit.copy();
    let maxX = -1;
    let maxT = -1;
    const resolve = (name: string): Node => {
      const m = /^(.*)\[(\d+)\]$/.exec(name);
      if (m && m[1] === xName) {
        maxX = Math.max(maxX, Number(m[2]));
        return { k: 'x', i: Number(m[2]) };
      }
      if (m && m[1] === tName) {
        maxT = Math.max(maxT, Number(m[2]));
        return { k: 't', i: Number(m[2]) };
      }
      throw new InputValidationError(`parameter '${name}' is neither a feature ${xName}[i] nor a training parameter ${tName}[k]`);
    };
    const gates: CompiledGate[] = [];
    const occurrences: TrainableOccurrence[] = [];
    circuit.instructions.forEach((ins, idx) => {
      if (ins.name === 'barrier') return;
      if (ins.name === 'measure' || ins.name === 'reset') {
        throw new InputValidationError(`a feature map cannot contain '${ins.name}' (instruction ${idx})`);
      }
      const params = ins.params.map((p) => (typeof p === 'number' ? p : compileNode(p.node, resolve)));
      const thetas = new Set<number>();
      for (const p of params) if (typeof p !== 'number') collectThetas(p, thetas);
      if (thetas.size > 0) {
        if (!SHIFT_RULE_GATES.has(ins.name) || params.length !== 1) {
          throw new InputValidationError(
            `gate '${ins.name}' (instruction ${idx}) depends on training parameters but the two-term shift rule does not apply to it; ` +
              `use ${[...SHIFT_RULE_GATES].join(', ')}`,
          );
        }
        occurrences.push({ instruction: idx, gate: ins.name, thetas: [...thetas].sort((a, b) => a - b) });
      }
      gates.push({ name: ins.name, qubits: ins.qubits, params, thetas: [...thetas] });
    });
    if (maxX < 0 && options.featureDimension === undefined) throw new InputValidationError(`the circuit has no feature parameter ${xName}[i]`);
    const d = options.featureDimension ?? maxX + 1;
    if (!Number.isInteger(d) || d < 1 || d <= maxX) {
      throw new InputValidationError(`featureDimension ${d} does not cover ${xName}[${maxX}]`);
    }
    if (maxT < 0) throw new InputValidationError(`the circuit has no training parameter ${tName}[k]`);
    this.ownCircuit = circuit;
    this.numQubits = circuit.numQubits;
    this.featureDimension = d;
    this.numTrainingParameters = maxT + 1;
    this.trainingParameterNames = Array.from({ length: maxT + 1 }, (_, k) => `${tName}[${k}]`);
    this.occurrences = occurrences;
    this.gates = gates;
    // The compiled list skips barriers: map instruction indices to it.
    this.gateOfInstruction = new Map();
    let g = 0;
    circuit.instructions.forEach((ins, idx) => {
      if (ins.name !== 'barrier') this.gateOfInstruction.set(idx, g++);
    });
  }

  private readonly gateOfInstruction: Map<number, number>;

  /** Checks a θ vector: length and finiteness. */
  checkTheta(theta: ArrayLike<number>, what = 'theta'): void {
    if (theta.length !== this.numTrainingParameters) {
      throw new InputValidationError(`${what} has ${theta.length} values, the feature map has ${this.numTrainingParameters} training parameters`);
    }
    for (let k = 0; k < theta.length; k++) {
      if (!Number.isFinite(theta[k])) throw new InputValidationError(`${what}[${k}] is not a finite number (${String(theta[k])})`);
    }
  }

  /**
   * Writes the statevector U(x, θ)|0⟩ for features `x[xOff..xOff+d)` into `re`/`im` (2^n each),
   * optionally with occurrence `shift.occurrence`'s angle moved by `shift.delta`. The global
   * phase is left out: a fidelity |⟨ψ|φ⟩|² does not see it.
   */
  stateInto(
    x: ArrayLike<number>,
    xOff: number,
    theta: ArrayLike<number>,
    re: Float64Array,
    im: Float64Array,
    shift?: { occurrence: number; delta: number },
  ): void {
    re.fill(0);
    im.fill(0);
    re[0] = 1;
    const state = { numQubits: this.numQubits, re, im };
    const shifted = shift ? this.gateOfInstruction.get(this.occurrences[shift.occurrence]!.instruction)! : -1;
    for (let g = 0; g < this.gates.length; g++) {
      const gate = this.gates[g]!;
      const params = gate.params.map((p) => (typeof p === 'number' ? p : evalNode(p, x, xOff, theta)));
      if (g === shifted) params[0] = params[0]! + shift!.delta;
      applyGate(state, gate.name, gate.qubits, params);
    }
  }

  /**
   * ∂(angle of occurrence `o`)/∂θ_k for each training parameter k, for features
   * `x[xOff..xOff+d)`, written to `out` (length p; zero where the angle does not use θ_k).
   */
  angleGradientInto(o: number, x: ArrayLike<number>, xOff: number, theta: ArrayLike<number>, out: Float64Array): void {
    out.fill(0);
    const gate = this.gates[this.gateOfInstruction.get(this.occurrences[o]!.instruction)!]!;
    const node = gate.params[0] as Node;
    for (const k of gate.thetas) out[k] = evalDual(node, x, xOff, theta, k)[1];
  }

  /** The shift of the parameter-shift rule (π/2) for every supported gate. */
  static readonly SHIFT = SHIFT;
}

function compileNode(n: ExprNode, resolve: (name: string) => Node): Node {
  switch (n.op) {
    case 'const':
      return { k: 'c', v: n.value };
    case 'param':
      return resolve(n.name);
    case 'neg':
      return { k: 'neg', a: compileNode(n.a, resolve) };
    default:
      return { k: n.op, a: compileNode(n.a, resolve), b: compileNode(n.b, resolve) };
  }
}

function collectThetas(n: Node, out: Set<number>): void {
  if (n.k === 't') out.add(n.i);
  else if (n.k === 'neg') collectThetas(n.a, out);
  else if (n.k !== 'c' && n.k !== 'x') {
    collectThetas(n.a, out);
    collectThetas(n.b, out);
  }
}

function evalNode(n: Node, x: ArrayLike<number>, xOff: number, t: ArrayLike<number>): number {
  switch (n.k) {
    case 'c':
      return n.v;
    case 'x':
      return x[xOff + n.i]!;
    case 't':
      return t[n.i]!;
    case 'neg':
      return -evalNode(n.a, x, xOff, t);
    case 'add':
      return evalNode(n.a, x, xOff, t) + evalNode(n.b, x, xOff, t);
    case 'sub':
      return evalNode(n.a, x, xOff, t) - evalNode(n.b, x, xOff, t);
    case 'mul':
      return evalNode(n.a, x, xOff, t) * evalNode(n.b, x, xOff, t);
    case 'div':
      return evalNode(n.a, x, xOff, t) / evalNode(n.b, x, xOff, t);
  }
}

/** Forward-mode [value, ∂value/∂θ_k] of an angle tree. */
function evalDual(n: Node, x: ArrayLike<number>, xOff: number, t: ArrayLike<number>, k: number): [number, number] {
  switch (n.k) {
    case 'c':
      return [n.v, 0];
    case 'x':
      return [x[xOff + n.i]!, 0];
    case 't':
      return [t[n.i]!, n.i === k ? 1 : 0];
    case 'neg': {
      const [v, d] = evalDual(n.a, x, xOff, t, k);
      return [-v, -d];
    }
    default: {
      const [a, da] = evalDual(n.a, x, xOff, t, k);
      const [b, db] = evalDual(n.b, x, xOff, t, k);
      if (n.k === 'add') return [a + b, da + db];
      if (n.k === 'sub') return [a - b, da - db];
      if (n.k === 'mul') return [a * b, da * b + a * db];
      return [a / b, (da * b - a * db) / (b * b)];
    }
  }
}

/** Options of {@link trainableRotationFeatureMap}. */
export interface TrainableRotationOptions {
  /** The data map composed after the trainable layer. */
  featureMap: PauliFeatureMap;
  /** The rotation of the trainable layer. Default 'ry' (qiskit-ml's QuantumKernelTrainer tutorial). */
  rotation?: 'rx' | 'ry' | 'rz';
  /** One θ shared by every qubit (the tutorial's `θ[0]` on both qubits) instead of one per qubit. Default false. */
  shared?: boolean;
}

/**
 * A trainable rotation layer (one rotation per qubit, angle θ_q, or one shared θ_0) composed
 * BEFORE a Pauli data map: U(x, θ) = U_Φ(x) · ⊗_q R(θ_q), the construction of
 * qiskit-machine-learning's kernel-training tutorial (RY(θ) on each qubit, then ZZFeatureMap).
 *
 * @example
 * const fm = trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2 }), shared: true });
 * fm.numTrainingParameters; // 1
 */
export function trainableRotationFeatureMap(options: TrainableRotationOptions): TrainableFeatureMap {
  const data = options.featureMap;
  const rotation = options.rotation ?? 'ry';
  if (!['rx', 'ry', 'rz'].includes(rotation)) throw new InputValidationError(`rotation must be rx, ry or rz, got '${String(rotation)}'`);
  const n = data.numQubits;
  const theta = new ParameterVector('theta', options.shared ? 1 : n);
  const c = new Circuit(n, { name: 'TrainableFeatureMap' });
  for (let q = 0; q < n; q++) c.append(rotation, [q], [theta.get(options.shared ? 0 : q) as Angle]);
  c.compose(data.circuit(), { inplace: true });
  return new TrainableFeatureMap({ circuit: c, featureDimension: data.featureDimension });
}
