import { angle, type Angle } from '../parameter';
import { SubroutineCalls, type CallTarget } from './calls';
import { isAssignmentOp, RuntimeValueError } from './classical';
import type { Op } from './control-flow';
import { broadcast, type Operand } from './declarations';
import { identifiersOf, parseExpr, type Expr } from './expr';
import { evalExpr } from './evaluate';
import { expandModified } from './expand';
import { checkArity, gateScope, type GateEntry } from './gate-def';
import type { Token } from './lexer';
import { qelib1, stdgates } from './library';
import { parseModifiedHead } from './modifiers';
import type { LocalGate } from '../modifiers';
import { errorAt } from './stream';
import { didYouMean } from '../../core/suggest';

/** Most operations a program may expand to (nested gates can grow exponentially). */
const MAX_OPS = 2_000_000;

/**
 * Gates of one parameter whose product adds the parameters exactly, G(a)·G(b) = G(a + b), global
 * phase included: a measured angle may be their argument (see {@link Operations.splitOnMeasuredBits}).
 */
const ADDITIVE = new Set(['p', 'u1', 'rz', 'rx', 'ry', 'crz', 'crx', 'cry', 'cp', 'cu1', 'rzz', 'rxx', 'ryy']);

/** Most measured bits one gate argument may read (each is checked in every combination). */
const MAX_SPLIT_BITS = 12;

/**
 * The statements that put operations into the circuit: gate calls (plain, modified, user gates
 * inlined), `gphase`, `measure` in its forms (and `c = f(…)` / `c = "01"` assignments of bits),
 * `reset`, `barrier`. The op list and the global phase live here.
 */
export abstract class Operations extends SubroutineCalls {
  protected ops: Op[] = [];
  protected globalPhase: Angle = 0;
  /** The includes read so far (a gate's "add include" hint names a missing one). */
  protected readonly includes = new Set<string>();

  /** Runs `fn` with its own op list (a body that runs depending on measurements) and returns it. */
  protected collect(fn: () => void): Op[] {
    const outer = this.ops;
    this.ops = [];
    this.runtimeDepth++;
    try {
      fn();
      return this.ops;
    } finally {
      this.ops = outer;
      this.runtimeDepth--;
    }
  }

  protected push(op: Op): void {
    if (this.ops.length >= MAX_OPS) throw errorAt(op.tok, `the program expands to more than ${MAX_OPS} operations`);
    this.ops.push(op);
  }

  protected gateCall(): void {
    const ts = this.ts;
    const nameTok = ts.next();
    const gate = this.gates.get(nameTok.text);
    if (!gate) {
      const lib = this.version === 3 ? 'stdgates.inc' : 'qelib1.inc';
      const hint = (this.version === 3 ? stdgates() : qelib1()).has(nameTok.text) && !this.includes.has(lib)
        ? ` (it is defined in "${lib}": add include "${lib}";)`
        : '';
      if (this.symbols.has(nameTok.text)) throw errorAt(nameTok, `'${nameTok.text}' is not a gate`);
      throw errorAt(nameTok, `unknown gate '${nameTok.text}'${hint || didYouMean(nameTok.text, this.gates.keys())}`);
    }
    const args = this.argList();
    const operands = ts.peek().kind === 'ident' || ts.peek().kind === 'hwqubit' ? this.operandList() : [];
    ts.expectOp(';', 'after the gate call');
    checkArity(nameTok, gate, args.length, operands.length);
    const calls = broadcast(operands, nameTok);
    let params: Angle[];
    try {
      params = args.map((a) => evalExpr(a, this.valueScope));
    } catch (e) {
      if (!(e instanceof RuntimeValueError)) throw e;
      const additive = gate.kind === 'native' && ADDITIVE.has(gate.target) && args.length === 1;
      this.splitOnMeasuredBits(args, additive, nameTok, e, (values) => {
        for (const qubits of calls) this.apply(gate, values, qubits, nameTok);
      });
      return;
    }
    for (const qubits of calls) this.apply(gate, params, qubits, nameTok);
  }

  /**
   * A gate whose argument reads measured bits of a variable (`inv @ phase(c) q;` with `c` an
   * `angle[n]` holding measurement results): as G(a + Σ_k b_k d_k) = G(a)·Π_k G(d_k)^{b_k} for an
   * additive gate, it becomes G(a) (all measured bits 0) followed by `if (b_k) G(d_k)` per measured
   * bit. The argument must be affine in the bits; every combination of them is checked.
   * @param emit - applies the gate with the given argument values
   */
  protected splitOnMeasuredBits(args: readonly Expr[], additive: boolean, tok: Token, cause: RuntimeValueError, emit: (values: number[]) => void): void {
    const bits = this.measuredBitsOf(args.flatMap((a) => identifiersOf(a).map((t) => t.text)));
    if (!additive || bits.length === 0) {
      throw errorAt(tok, `${cause.detail}; '${tok.text}' is not such a gate here`);
    }
    if (bits.length > MAX_SPLIT_BITS) throw errorAt(tok, `the argument of '${tok.text}' reads ${bits.length} measured bits (at most ${MAX_SPLIT_BITS})`);
    const at = (set: ReadonlySet<number>): number[] => {
      this.probe = set;
      try {
        return args.map((a) => {
          const v = evalExpr(a, this.valueScope);
          if (typeof v !== 'number') throw errorAt(a.tok, `the argument of '${tok.text}' mixes measured bits and input parameters`);
          return v;
        });
      } finally {
        this.probe = undefined;
      }
    };
    const base = at(new Set());
    const deltas = bits.map((b) => at(new Set([b])).map((v, i) => v - base[i]!));
    for (let mask = 1; mask < 2 ** bits.length; mask++) {
      const on = bits.filter((_, k) => (mask >> k) & 1);
      const want = base.map((v, i) => v + on.reduce((acc, b) => acc + deltas[bits.indexOf(b)]![i]!, 0));
      const got = at(new Set(on));
      if (got.some((v, i) => Math.abs(v - want[i]!) > 1e-9 * Math.max(1, Math.abs(v)))) {
        throw errorAt(tok, `the argument of '${tok.text}' is not a sum of its measured bits' contributions: qbridge cannot apply it at run time`);
      }
    }
    emit(base);
    bits.forEach((b, k) => {
      const d = deltas[k]!;
      if (d.every((v) => v === 0)) return;
      const body = this.collect(() => emit(d));
      this.push({ name: 'if_else', qubits: [], params: [], clbits: [], tok, cond: { clbits: [b], value: 1 }, blocks: [body] });
    });
  }

  protected argList(): ReturnType<typeof parseExpr>[] {
    const ts = this.ts;
    const args: ReturnType<typeof parseExpr>[] = [];
    if (ts.acceptOp('(')) {
      if (!ts.isOp(')')) {
        do args.push(parseExpr(ts, this.version));
        while (ts.acceptOp(','));
      }
      ts.expectOp(')', 'to close the parameter list');
    }
    return args;
  }

  /** Applies a gate to concrete qubits: a native instruction, or the inlined body. */
  protected apply(gate: GateEntry, params: readonly Angle[], qubits: readonly number[], tok: Token): void {
    if (gate.kind === 'native') {
      this.push({ name: gate.target, qubits: [...qubits], params: gate.mapParams ? gate.mapParams(params) : [...params], clbits: [], tok });
      return;
    }
    const scope = gateScope(gate, params, this.constants);
    for (const op of gate.body) {
      if (op.kind === 'gphase') {
        this.addPhase(evalExpr(op.arg, scope));
        continue;
      }
      if (op.kind === 'mod') {
        this.place(expandModified(op.call, scope, this.constants), op.qubits.map((k) => qubits[k]!), tok);
        continue;
      }
      const values = op.args.map((a) => evalExpr(a, scope));
      this.apply(op.gate, values, op.qubits.map((k) => qubits[k]!), tok);
    }
  }

  /** `ctrl @ inv @ pow(k) @ gate(args) operands;` (modifiers.ts parses, expand.ts evaluates). */
  protected modifiedCall(): void {
    const ts = this.ts;
    // Modifier arguments (ctrl(n), pow(k)) may read classical variables as well as constants.
    const known = Object.assign(Object.create(null) as Record<string, number>, this.constants);
    for (const [n, v] of this.vars) if (v.type !== 'duration' && v.type !== 'stretch' && !v.bits) known[n] = v.value;
    const call = parseModifiedHead(ts, this.version, (n) => this.gates.get(n), known);
    const operands = ts.peek().kind === 'ident' || ts.peek().kind === 'hwqubit' ? this.operandList() : [];
    ts.expectOp(';', 'after the gate call');
    let local: LocalGate;
    try {
      local = expandModified(call, this.valueScope, known);
    } catch (e) {
      if (!(e instanceof RuntimeValueError)) throw e;
      const g = call.gate;
      const additive = g !== 'gphase' && g.kind === 'native' && ADDITIVE.has(g.target) && call.args.length === 1;
      if (operands.length !== call.numQubits) {
        throw errorAt(call.nameTok, `wrong number of qubit arguments: the modified gate '${call.nameTok.text}' takes ${call.numQubits}, got ${operands.length}`);
      }
      const calls = broadcast(operands, call.nameTok);
      this.splitOnMeasuredBits(call.args, additive, call.nameTok, e, (values) => {
        const fixed = { ...call, args: values.map((v): Expr => ({ k: 'num', v, tok: call.nameTok })) };
        const part = expandModified(fixed, this.valueScope, known);
        for (const qubits of calls) this.place(part, qubits, call.nameTok);
      });
      return;
    }
    // An uncontrolled gphase is global whatever operands it names (as the plain statement).
    if (call.gate === 'gphase' && call.numQubits === 0) {
      this.place(local, [], call.nameTok);
      return;
    }
    if (operands.length !== call.numQubits) {
      throw errorAt(call.nameTok, `wrong number of qubit arguments: the modified gate '${call.nameTok.text}' takes ${call.numQubits}, got ${operands.length}`);
    }
    for (const qubits of broadcast(operands, call.nameTok)) this.place(local, qubits, call.nameTok);
  }

  /** Pushes a local gate's operations onto concrete qubits and adds its phase. */
  protected place(g: LocalGate, qubits: readonly number[], tok: Token): void {
    for (const o of g.ops) this.push({ name: o.name, qubits: o.qubits.map((k) => qubits[k]!), params: [...o.params], clbits: [], tok });
    this.addPhase(g.phase);
  }

  protected gphase(): void {
    const ts = this.ts;
    const tok = ts.next();
    const args = this.argList();
    if (args.length !== 1) throw errorAt(tok, `wrong number of parameters: gphase expects 1, got ${args.length}`);
    if (ts.peek().kind === 'ident' || ts.peek().kind === 'hwqubit') this.operandList(); // a global phase either way
    ts.expectOp(';', 'after gphase');
    this.addPhase(evalExpr(args[0]!, this.valueScope));
  }

  /** Accumulates global phase; the first symbolic phase is kept as is (no `0 + θ` node). */
  protected addPhase(v: Angle): void {
    this.globalPhase = this.globalPhase === 0 ? v : v === 0 ? this.globalPhase : angle.add(this.globalPhase, v);
  }

  protected measure(q: Operand, c: Operand, tok: Token): void {
    if (q.indices.length !== c.indices.length) {
      throw errorAt(tok, `measure: ${q.indices.length} qubit(s) but ${c.indices.length} classical bit(s)`);
    }
    this.bitsMeasured(c.indices);
    q.indices.forEach((qi, i) => this.push({ name: 'measure', qubits: [qi], params: [], clbits: [c.indices[i]!], tok }));
  }

  /** `measure q -> c;` */
  protected measureArrow(): void {
    const ts = this.ts;
    const tok = ts.next();
    const q = this.qubitOperand();
    if (ts.isOp(';')) throw errorAt(ts.peek(), 'measure without a target bit is not supported (use c = measure q;)');
    ts.expectOp('->', 'after the measured qubit');
    const c = this.vars.has(ts.peek().text) ? this.measureIntoVariable() : this.bitOperand();
    ts.expectOp(';', 'after the measurement');
    this.measure(q, c, tok);
  }

  /**
   * `c = measure q;` / `c[0] = measure q[0];`, `c = f(…);` (a subroutine's result), `c = "01";`
   * and `c ^= …` (constants, classical.ts).
   */
  protected bitAssignment(): void {
    const ts = this.ts;
    if (this.vars.has(ts.peek().text)) {
      // `c[k] = measure q;` into a bit of an int/uint/angle variable (classical.ts).
      const target = this.measureIntoVariable();
      ts.expectOp('=', 'in the assignment');
      const m = ts.peek();
      if (!ts.isWord('measure')) ts.unexpected("'measure'", `after '${target.tok.text}[…] =' (a bit of a variable takes a measurement)`);
      ts.next();
      const q = this.qubitOperand();
      ts.expectOp(';', 'after the measurement');
      this.measure(q, target, m);
      return;
    }
    const c = this.bitOperand();
    const op = ts.peek();
    if (!isAssignmentOp(op)) ts.unexpected("'='", 'in the assignment');
    ts.next();
    const m = ts.peek();
    if (op.text === '=' && ts.isWord('measure')) {
      ts.next();
      const q = this.qubitOperand();
      ts.expectOp(';', 'after the measurement');
      this.measure(q, c, m);
      return;
    }
    if (op.text === '=' && m.kind === 'ident' && this.subroutines.has(m.text)) {
      const target: CallTarget = { kind: 'bits', bits: c.indices, name: c.tok.text, tok: c.tok };
      this.callStatement(target);
      return;
    }
    const e = parseExpr(ts, this.version);
    ts.expectOp(';', 'after the assignment');
    let v = this.classicalValue(e, `the value assigned to '${c.tok.text}'`);
    if (op.text !== '=') v = this.compound(op.text.slice(0, -1), this.bitsValue(c.tok.text, c.indices, c.tok), v, op);
    this.assignBits(c.tok.text, c.indices, v, m);
  }

  protected reset(): void {
    const ts = this.ts;
    const tok = ts.next();
    const q = this.qubitOperand();
    ts.expectOp(';', 'after reset');
    for (const k of q.indices) this.push({ name: 'reset', qubits: [k], params: [], clbits: [], tok });
  }

  protected barrier(): void {
    const ts = this.ts;
    const tok = ts.next();
    if (ts.acceptOp(';')) {
      if (this.version === 2) throw errorAt(tok, 'barrier needs at least one qubit argument in OpenQASM 2');
      this.push({ name: 'barrier', qubits: null, params: [], clbits: [], tok });
      return;
    }
    const qs = [...new Set(this.operandList().flatMap((o) => o.indices))];
    ts.expectOp(';', 'after the barrier');
    this.push({ name: 'barrier', qubits: qs, params: [], clbits: [], tok });
  }

}
