import { angle, type Angle } from '../parameter';
import { SubroutineCalls, type CallTarget } from './calls';
import { isAssignmentOp } from './classical';
import type { Op } from './control-flow';
import { broadcast, type Operand } from './declarations';
import { evalExpr, parseExpr } from './expr';
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
    const params = args.map((a) => evalExpr(a, this.valueScope));
    for (const qubits of broadcast(operands, nameTok)) this.apply(gate, params, qubits, nameTok);
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
    for (const [n, v] of this.vars) if (v.type !== 'duration' && v.type !== 'stretch') known[n] = v.value;
    const call = parseModifiedHead(ts, this.version, (n) => this.gates.get(n), known);
    const operands = ts.peek().kind === 'ident' || ts.peek().kind === 'hwqubit' ? this.operandList() : [];
    ts.expectOp(';', 'after the gate call');
    const local = expandModified(call, this.valueScope, known);
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
    const c = this.bitOperand();
    ts.expectOp(';', 'after the measurement');
    this.measure(q, c, tok);
  }

  /**
   * `c = measure q;` / `c[0] = measure q[0];`, `c = f(…);` (a subroutine's result), `c = "01";`
   * and `c ^= …` (constants, classical.ts).
   */
  protected bitAssignment(): void {
    const ts = this.ts;
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
