import { CircuitValidationError } from '../core/errors';
import { angle, type Angle } from './parameter';
import { GATE_DEFINITIONS, definitionOn, type DefinitionOp } from './gate-definitions';
import { gateMatrix } from './gates';
import { mul2x2, power2x2, zyzAngles, type Mat2 } from './mat2';

/**
 * Multi-controlled gates without ancillas, written in gates the transpiler already unrolls
 * (cx, cp, cu, ccx, c3x, c4x, csx, c3sqrtx, cswap and one-qubit gates), each exact with its
 * global phase: ctrl @ U = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ U on (controls, targets).
 *
 * Known controlled forms get their native names, as Qiskit's `Gate.control` does: x with 1–4
 * controls is cx, ccx, c3x, c4x; one control on y, z, h, p, rx, ry, rz, u, sx, swap gives cy,
 * cz, ch, cp, crx, cry, crz, cu, csx, cswap; three controls on sx give c3sqrtx. Everything
 * else uses the Gray-code construction (Barenco et al. 1995, Lemma 7.1): for bits x_i,
 * ∏ x_i = 2^{1−n} Σ_{S≠∅} (−1)^{|S|+1} ⊕_{i∈S} x_i, so with V = U^{1/2^{n−1}} the product of
 * controlled-V^{±1} gates, each controlled by the parity of one subset S, is controlled-U on all
 * n controls. The parities are formed on the controls themselves by CX gates (in Gray-code
 * order, one CX per step) and undone at the end. That costs 2^n − 1 controlled-V gates, so the
 * number of controls is bounded by {@link MAX_CONTROLS}.
 */

/** The most controls a multi-controlled gate may have (the Gray-code construction doubles per control). */
export const MAX_CONTROLS = 10;

const op = (name: string, qubits: readonly number[], params: readonly Angle[] = []): DefinitionOp => ({ name, qubits: [...qubits], params: [...params] });

/** k·a, keeping numbers numeric. */
function scale(a: Angle, k: number): Angle {
  return typeof a === 'number' ? a * k : a.mul(k);
}

function msb(x: number): number {
  return 31 - Math.clz32(x);
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

function checkControls(what: string, controls: readonly number[]): void {
  if (controls.length > MAX_CONTROLS) {
    throw new CircuitValidationError(
      `${what}: ${controls.length} controls exceed qbridge's limit of ${MAX_CONTROLS} (its ancilla-free construction has 2^n terms)`,
    );
  }
}

/**
 * The Gray-code walk over the non-empty subsets S of `controls`: before `emit(holder, sign)`
 * the control `holder` holds the parity of S (sign +1 for |S| odd, −1 for even); afterwards
 * every control is restored. Each control's content is tracked as a bit mask of the original
 * bits, so the CX gates that move between subsets are derived, not assumed.
 */
function grayWalk(controls: readonly number[], emit: (holder: number, sign: 1 | -1) => void, out: DefinitionOp[]): void {
  const n = controls.length;
  const masks = controls.map((_, i) => 1 << i);
  // Bring masks[h] to `want` by CX from lower controls: masks[j] has its top bit at j.
  const reach = (h: number, want: number): void => {
    while (masks[h] !== want) {
      const j = msb(masks[h]! ^ want);
      out.push(op('cx', [controls[j]!, controls[h]!]));
      masks[h] = masks[h]! ^ masks[j]!;
    }
  };
  for (let i = 1; i < 1 << n; i++) {
    const g = i ^ (i >> 1);
    const h = msb(g);
    reach(h, g);
    emit(controls[h]!, popcount(g) % 2 === 1 ? 1 : -1);
  }
  for (let h = n - 1; h >= 0; h--) reach(h, 1 << h);
}

/**
 * Multi-controlled phase: e^{iλ} on the state where every control and the target are |1⟩
 * (Qiskit's MCPhaseGate; symmetric in all its qubits). 0 controls: p; 1: cp; more: Gray code
 * of cp(±λ/2^{n−1}). λ may be symbolic.
 */
export function mcpOps(lambda: Angle, controls: readonly number[], target: number): DefinitionOp[] {
  checkControls('mcp', controls);
  const n = controls.length;
  if (n === 0) return [op('p', [target], [lambda])];
  if (n === 1) return [op('cp', [controls[0]!, target], [lambda])];
  const th = scale(lambda, 2 ** (1 - n));
  const out: DefinitionOp[] = [];
  grayWalk(controls, (h, sign) => out.push(op('cp', [h, target], [sign > 0 ? th : angle.neg(th)])), out);
  return out;
}

/**
 * Multi-controlled X (Qiskit's MCXGate without ancillas): x, cx, ccx, c3x, c4x for 0–4
 * controls; past that H·mcp(π)·H on the target (exact: H·diag(1, −1)·H = X).
 */
export function mcxOps(controls: readonly number[], target: number): DefinitionOp[] {
  checkControls('mcx', controls);
  const names = ['x', 'cx', 'ccx', 'c3x', 'c4x'];
  const n = controls.length;
  if (n < names.length) return [op(names[n]!, [...controls, target])];
  return [op('h', [target]), ...mcpOps(Math.PI, controls, target), op('h', [target])];
}

/** cu(θ, φ, λ, γ) parameters of a numeric 2×2 unitary W: W = e^{iγ}·U(θ, φ, λ). */
function cuParams(w: Mat2): number[] {
  const { theta, phi, lam, phase } = zyzAngles(w);
  // e^{iα} RZ(φ)RY(θ)RZ(λ) = e^{i(α − (φ+λ)/2)} U(θ, φ, λ)
  return [theta, phi, lam, phase - (phi + lam) / 2];
}

/** Multi-controlled numeric one-qubit unitary `u` (n ≥ 1): cu for one control, else the Gray code of cu(V^{±1}). */
export function mcuOps(u: Mat2, controls: readonly number[], target: number): DefinitionOp[] {
  checkControls('controlled unitary', controls);
  const n = controls.length;
  if (n === 0) throw new CircuitValidationError('mcuOps needs at least one control');
  if (n === 1) return [op('cu', [controls[0]!, target], cuParams(u))];
  const v = power2x2(u, 2 ** (1 - n));
  const pv = cuParams(v);
  const pinv = [-pv[0]!, -pv[2]!, -pv[1]!, -pv[3]!];
  const out: DefinitionOp[] = [];
  grayWalk(controls, (h, sign) => out.push(op('cu', [h, target], sign > 0 ? pv : pinv)), out);
  return out;
}

/**
 * A phase e^{iγ} on the states where every control is |1⟩: what a global phase becomes under
 * control. One control: p(γ) on it; more: mcp(γ) with the last control as target.
 */
export function phaseOnControls(gamma: Angle, controls: readonly number[]): DefinitionOp[] {
  if (controls.length === 0 || (typeof gamma === 'number' && gamma === 0)) return [];
  return mcpOps(gamma, controls.slice(0, -1), controls[controls.length - 1]!);
}

/** Multi-controlled RZ(θ) = mcp(θ) and the phase e^{−iθ/2} on the controls (RZ = e^{−iθ/2}·P(θ)). */
function mcrzOps(theta: Angle, controls: readonly number[], target: number): DefinitionOp[] {
  if (controls.length === 1) return [op('crz', [controls[0]!, target], [theta])];
  return [...mcpOps(theta, controls, target), ...phaseOnControls(scale(theta, -0.5), controls)];
}

const PHASE_GATES: Record<string, number> = { z: Math.PI, s: Math.PI / 2, sdg: -Math.PI / 2, t: Math.PI / 4, tdg: -Math.PI / 4 };
const ONE_CONTROL: Record<string, string> = { y: 'cy', z: 'cz', h: 'ch', p: 'cp', u1: 'cp', rx: 'crx', ry: 'cry', rz: 'crz', sx: 'csx' };

const allNumbers = (p: readonly Angle[]): p is number[] => p.every((a) => typeof a === 'number');

/** A one-qubit gate on `target`, controlled by `controls` (n ≥ 1). */
function controlOneQubit(name: string, params: readonly Angle[], controls: readonly number[], target: number): DefinitionOp[] {
  const n = controls.length;
  if (name === 'id') return [];
  if (name === 'x') return mcxOps(controls, target);
  if (n === 1 && ONE_CONTROL[name]) return [op(ONE_CONTROL[name], [controls[0]!, target], params)];
  if (n === 3 && name === 'sx') return [op('c3sqrtx', [...controls, target])];
  if (name === 'p' || name === 'u1') return mcpOps(params[0]!, controls, target);
  if (name in PHASE_GATES) return mcpOps(PHASE_GATES[name]!, controls, target);
  if (name === 'rz') return mcrzOps(params[0]!, controls, target);
  if (name === 'u2') return controlOneQubit('u', [Math.PI / 2, params[0]!, params[1]!], controls, target);
  if ((name === 'u' || name === 'u3') && n === 1) return [op('cu', [controls[0]!, target], [...params, 0])];
  if (allNumbers(params)) return mcuOps(gateMatrix(name, params).data, controls, target);
  // Symbolic parameters: conjugations that leave a controlled RZ (exact, see the identities).
  const [a, b, c] = params as [Angle, Angle, Angle];
  if (name === 'rx') return [op('h', [target]), ...mcrzOps(a, controls, target), op('h', [target])];
  // RY(θ) = S·RX(θ)·S†
  if (name === 'ry') return [op('sdg', [target]), op('h', [target]), ...mcrzOps(a, controls, target), op('h', [target]), op('s', [target])];
  if (name === 'u' || name === 'u3') {
    // U(θ, φ, λ) = e^{i(φ+λ)/2}·RZ(φ)·RY(θ)·RZ(λ)
    return [
      ...mcrzOps(c, controls, target),
      ...controlOneQubit('ry', [a], controls, target),
      ...mcrzOps(b, controls, target),
      ...phaseOnControls(scale(angle.add(b, c), 0.5), controls),
    ];
  }
  throw new CircuitValidationError(`cannot control gate '${name}' with symbolic parameters`);
}

/** One control per leading argument: gate name → (number of its controls, the one-qubit gate they control). */
const CONTROLLED_ONE_QUBIT: Record<string, readonly [number, string]> = {
  cx: [1, 'x'], ccx: [2, 'x'], c3x: [3, 'x'], c4x: [4, 'x'], cy: [1, 'y'], cz: [1, 'z'], ch: [1, 'h'], cp: [1, 'p'],
  crx: [1, 'rx'], cry: [1, 'ry'], crz: [1, 'rz'], csx: [1, 'sx'], c3sqrtx: [3, 'sx'], cu: [1, 'u'],
};

/**
 * A controlled gate written as controls on a one-qubit gate, when it is one: cx = ctrl @ x,
 * c3sqrtx = ctrl(3) @ sx, cu(θ, φ, λ, γ) = ctrl @ (e^{iγ}·u(θ, φ, λ)) (the phase returned apart).
 */
export function asControlledOneQubit(
  name: string,
  params: readonly Angle[],
): { numControls: number; base: string; params: Angle[]; phase: Angle } | undefined {
  const form = CONTROLLED_ONE_QUBIT[name];
  if (!form) return undefined;
  if (name === 'cu') return { numControls: 1, base: 'u', params: params.slice(0, 3), phase: params[3]! };
  return { numControls: form[0], base: form[1], params: [...params], phase: 0 };
}

/** A gate on `qubits` (any width), controlled by `controls` (n ≥ 1). */
export function controlGateOps(name: string, params: readonly Angle[], controls: readonly number[], qubits: readonly number[]): DefinitionOp[] {
  checkControls(`controlled '${name}'`, controls);
  if (qubits.length === 1) return controlOneQubit(name, params, controls, qubits[0]!);
  const form = asControlledOneQubit(name, params);
  if (form) {
    const k = form.numControls;
    const all = [...controls, ...qubits.slice(0, k)];
    checkControls(`controlled '${name}'`, all);
    return [...controlOneQubit(form.base, form.params, all, qubits[k]!), ...phaseOnControls(form.phase, all)];
  }
  const [a, b, c] = qubits as [number, number, number];
  const ctl = (n: string, qs: number[], p: Angle[] = []): DefinitionOp[] => controlGateOps(n, p, controls, qs);
  const t = params[0]!;
  switch (name) {
    // swap = cx(b,a)·cx(a,b)·cx(b,a): only the middle CX needs the controls.
    case 'swap':
      return controls.length === 1 ? [op('cswap', [controls[0]!, a, b])] : [op('cx', [b, a]), ...ctl('cx', [a, b]), op('cx', [b, a])];
    case 'cswap':
      return [op('cx', [c, b]), ...controlGateOps('cx', [], [...controls, a], [b, c]), op('cx', [c, b])];
    // rzz = cx·rz·cx; rxx and ryy conjugate it by H / RX(π/2) on both qubits.
    case 'rzz':
      return [op('cx', [a, b]), ...ctl('rz', [b], [t]), op('cx', [a, b])];
    case 'rxx':
      return [op('h', [a]), op('h', [b]), op('cx', [a, b]), ...ctl('rz', [b], [t]), op('cx', [a, b]), op('h', [a]), op('h', [b])];
    case 'ryy':
      return [
        op('rx', [a], [Math.PI / 2]), op('rx', [b], [Math.PI / 2]), op('cx', [a, b]), ...ctl('rz', [b], [t]), op('cx', [a, b]),
        op('rx', [a], [-Math.PI / 2]), op('rx', [b], [-Math.PI / 2]),
      ];
    // Qiskit's ECRGate definition RZX(π/4)·X(a)·RZX(−π/4), RZX(θ) = h b; cx a,b; rz(θ) b; cx a,b; h b.
    case 'ecr': {
      const rzx = (th: number): DefinitionOp[] => [op('h', [b]), op('cx', [a, b]), ...ctl('rz', [b], [th]), op('cx', [a, b]), op('h', [b])];
      return [...rzx(Math.PI / 4), ...ctl('x', [a]), ...rzx(-Math.PI / 4)];
    }
  }
  const def = GATE_DEFINITIONS[name] ? definitionOn(name, qubits) : undefined;
  if (!def) throw new CircuitValidationError(`gate '${name}' has no controlled form in qbridge`);
  return controlOps(def, controls);
}

/** Every gate of `ops` controlled by `controls` (n ≥ 1). */
export function controlOps(ops: readonly DefinitionOp[], controls: readonly number[]): DefinitionOp[] {
  return ops.flatMap((o) => controlGateOps(o.name, o.params, controls, o.qubits));
}

/**
 * `ops` with global phase `phase` on local qubits, controlled: `ctrlState[i]` true means
 * control i acts on |1⟩, false on |0⟩ (OpenQASM's `negctrl`, Qiskit's ctrl_state bit 0), done
 * by X on that control before and after.
 */
export function controlled(
  ops: readonly DefinitionOp[],
  phase: Angle,
  controls: readonly number[],
  ctrlState: readonly boolean[],
): DefinitionOp[] {
  if (controls.length === 0) throw new CircuitValidationError('a controlled gate needs at least one control');
  const flips = controls.filter((_, i) => !ctrlState[i]).map((q) => op('x', [q]));
  return [...flips, ...controlOps(ops, controls), ...phaseOnControls(phase, controls), ...flips];
}

/** The 2×2 matrix of numeric one-qubit ops on local qubit 0, times e^{i·phase}. */
export function oneQubitMatrix(ops: readonly DefinitionOp[], phase: number): Mat2 {
  let m: Mat2 = Float64Array.of(Math.cos(phase), Math.sin(phase), 0, 0, 0, 0, Math.cos(phase), Math.sin(phase));
  for (const o of ops) {
    if (!allNumbers(o.params)) throw new CircuitValidationError(`gate '${o.name}' has unbound parameters`);
    m = mul2x2(gateMatrix(o.name, o.params).data, m);
  }
  return m;
}

/** The u gate and global phase of a numeric 2×2 unitary on `q`: W = e^{iγ}·U(θ, φ, λ). */
export function oneQubitGate(w: Mat2, q: number): { ops: DefinitionOp[]; phase: number } {
  const [th, ph, la, g] = cuParams(w);
  return { ops: [op('u', [q], [th!, ph!, la!])], phase: g! };
}
