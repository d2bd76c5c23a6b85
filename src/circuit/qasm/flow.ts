import { ClassicalState, RuntimeValueError } from './classical';
import { parseIf, runtimeCondition, switchBits, type IfHost, type Op } from './control-flow';
import { parseExpr } from './expr';
import { DURATION_UNITS, durationOf, type Token } from './lexer';
import { MAX_LOOP_ITERATIONS, parseLoopHeader, skipBody } from './loops';
import { errorAt } from './stream';

/**
 * Control-flow statements of OpenQASM 3, on top of the classical state (classical.ts):
 *
 * - Conditions known when the program is read (on classical variables, constants and bits the
 *   program assigned) choose their branch then: `if`, `while` (run as many times as its
 *   condition holds, counted against the program's loop limit), `switch`/`case`/`default`,
 *   `break`/`continue` in those loops and in `for` loops (unrolled, loops.ts).
 * - Conditions on measured bits become run-time operations: `if` (an `if_else` op,
 *   control-flow.ts), `switch` (a chain of `if_else`) and `while` (a `while_loop` op; its body is
 *   read once). Classical variables
 *   cannot change inside such bodies (see {@link ClassicalState.refuseInRuntimeBody}), and
 *   `break`/`continue` there are refused by name.
 * - `box [d] { … }` runs its body in place (a box only groups for timing); `delay[100ns] q;`
 *   becomes the circuit's `delay` (see {@link FlowStatements.delayStatement} for what is dropped).
 */

/** `break` / `continue` on their way to the loop that handles them. */
export class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    readonly tok: Token,
  ) {}
}

/** The program's statements with control flow (see the module comment). */
export abstract class FlowStatements extends ClassicalState {
  protected loopDepth = 0;
  protected loopIterations = 0;
  /** For each enclosing unrolled loop, the run-time depth it was entered at. */
  protected loopRuntimeDepths: number[] = [];

  /** Parses one statement into the current op list; true for statements that are not content. */
  protected abstract statement(): boolean;
  /** Runs `fn` with its own op list (a run-time body) and returns it. */
  protected abstract collect(fn: () => void): Op[];
  protected abstract push(op: Op): void;
  /** What the `if` parser needs from the program. */
  protected abstract ifHost(): IfHost;

  /** `{ … }` or one statement, interpreted now. */
  protected block(what: string): void {
    const ts = this.ts;
    if (!ts.acceptOp('{')) {
      this.statement();
      return;
    }
    while (!ts.isOp('}')) {
      if (ts.peek().kind === 'eof') ts.unexpected("'}'", `to close the ${what}`);
      if (ts.acceptOp(';')) continue;
      this.statement();
    }
    ts.next();
  }

  /**
   * Reads `( EXPR )` when EXPR is known now and returns its value; when it reads measured bits,
   * goes back to the `(` and returns undefined (the caller reads a run-time condition instead).
   */
  protected staticCondition(): number | undefined {
    const ts = this.ts;
    const mark = ts.mark();
    ts.expectOp('(', 'to open the condition');
    try {
      const v = this.classicalValue(parseExpr(ts, this.version), 'a condition');
      ts.expectOp(')', 'to close the condition');
      return v;
    } catch (e) {
      if (!(e instanceof RuntimeValueError)) throw e;
      ts.seek(mark);
      return undefined;
    }
  }

  /** `if`: a known condition picks its body now, a condition on measured bits gives an `if_else` op. */
  protected ifStatement(): void {
    const ts = this.ts;
    const start = ts.mark();
    ts.next();
    const v = this.version === 3 ? this.staticCondition() : undefined;
    if (v === undefined) {
      ts.seek(start);
      parseIf(this.ifHost());
      return;
    }
    if (v !== 0) this.block("'if' body");
    else skipBody(ts);
    if (ts.isWord('else')) {
      ts.next();
      if (v !== 0) skipBody(ts);
      else this.block("'else' body");
    }
  }

  /** Runs one iteration of an unrolled loop's body; true when a `break` ended the loop. */
  private iteration(body: number, end: number, what: string): boolean {
    const ts = this.ts;
    ts.seek(body);
    this.loopDepth++;
    this.loopRuntimeDepths.push(this.runtimeDepth);
    // Names declared in the body (let, const, variables) are local to one iteration.
    const before = new Set(this.symbols.keys());
    try {
      this.block(what);
      return false;
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      ts.seek(end);
      return e.kind === 'break';
    } finally {
      this.loopDepth--;
      this.loopRuntimeDepths.pop();
      for (const n of [...this.symbols.keys()].filter((k) => !before.has(k))) {
        this.symbols.delete(n);
        this.aliases.delete(n);
        this.userConsts.delete(n);
        this.vars.delete(n);
        delete this.constants[n];
      }
    }
  }

  /** Where a loop body that starts at the current token ends. */
  private bodyEnd(what: string): number {
    const ts = this.ts;
    const body = ts.mark();
    try {
      skipBody(ts);
    } catch (e) {
      // An unclosed body: reading it gives the error that names what is missing.
      ts.seek(body);
      this.block(what);
      throw e;
    }
    const end = ts.mark();
    ts.seek(body);
    return end;
  }

  /** A `for` loop (loops.ts), unrolled: the body runs once per value of the loop variable. */
  protected forLoop(): void {
    const ts = this.ts;
    const real = (what: string): { value: number; tok: Token } => {
      const tok = ts.peek();
      return { value: this.classicalValue(parseExpr(ts, this.version), what), tok };
    };
    const h = parseLoopHeader(ts, (w) => this.integer(w), real, MAX_LOOP_ITERATIONS - this.loopIterations);
    this.loopIterations += h.values.length;
    this.declareName(h.varTok);
    const name = h.varTok.text;
    const body = ts.mark();
    const end = this.bodyEnd('loop body');
    ts.seek(end);
    for (const v of h.values) {
      this.constants[name] = v;
      if (this.iteration(body, end, 'loop body')) break;
    }
    ts.seek(end);
    delete this.constants[name];
    this.symbols.delete(name);
  }

  /**
   * `while (cond) body`: run now while a known condition holds; once the condition reads measured
   * bits, the rest of the loop is one `while_loop` op.
   */
  protected whileLoop(): void {
    const ts = this.ts;
    const tok = ts.next();
    const head = ts.mark();
    for (;;) {
      ts.seek(head);
      const v = this.staticCondition();
      if (v === undefined) break;
      const body = ts.mark();
      const end = this.bodyEnd("'while' body");
      if (v === 0) {
        ts.seek(end);
        return;
      }
      if (++this.loopIterations > MAX_LOOP_ITERATIONS) {
        throw errorAt(tok, `'while' loop still running after the program's limit of ${MAX_LOOP_ITERATIONS} loop iterations (its condition stays true)`);
      }
      if (this.iteration(body, end, "'while' body")) {
        ts.seek(end);
        return;
      }
    }
    ts.expectOp('(', "after 'while'");
    const { cond, negated } = runtimeCondition(this.ifHost());
    ts.expectOp(')', 'to close the condition');
    // The body is read once: no declarations in it (a loop body), and a `break` there would need
    // run-time control (refused by loopControl: the depth marker never matches).
    this.loopDepth++;
    this.loopRuntimeDepths.push(-1);
    let body: Op[];
    try {
      body = this.collect(() => this.block("'while' body"));
    } finally {
      this.loopDepth--;
      this.loopRuntimeDepths.pop();
    }
    this.push({ name: 'while_loop', qubits: [], params: [], clbits: [], tok, cond: negated ? { ...cond, negated } : cond, blocks: [body] });
  }

  /** `break;` / `continue;` (the keyword is next). */
  protected loopControl(): never {
    const ts = this.ts;
    const tok = ts.next();
    ts.expectOp(';', `after '${tok.text}'`);
    const depth = this.loopRuntimeDepths[this.loopRuntimeDepths.length - 1];
    if (depth === undefined) throw errorAt(tok, `'${tok.text}' outside a loop`);
    if (depth !== this.runtimeDepth) {
      throw errorAt(tok, `'${tok.text}' inside an 'if' or 'while' on a measurement result is not supported (qbridge unrolls 'for' loops when it reads the program)`);
    }
    throw new LoopSignal(tok.text as 'break' | 'continue', tok);
  }

  /**
   * `switch (v) { case a, b { … } default { … } }`: on a value known when the program is read, the
   * matching body runs now; on measured bits, a chain of `if_else` ops (one per case value, the
   * default body in the last else), as the bits select at most one case.
   */
  protected switchStatement(): void {
    const ts = this.ts;
    const tok = ts.next();
    const v = this.staticCondition();
    if (v === undefined) {
      this.runtimeSwitch(tok);
      return;
    }
    ts.expectOp('{', "to open the 'switch' body");
    let matched = false;
    let sawDefault = false;
    while (!ts.acceptOp('}')) {
      const t = ts.peek();
      if (ts.isWord('case')) {
        if (sawDefault) throw errorAt(t, "'case' after 'default' in a 'switch'");
        ts.next();
        let hit = false;
        do hit = this.classicalValue(parseExpr(ts, this.version), 'a case value') === v || hit;
        while (ts.acceptOp(','));
        this.caseBody(!matched && hit);
        matched ||= hit;
      } else if (ts.isWord('default')) {
        if (sawDefault) throw errorAt(t, "a 'switch' has one 'default'");
        sawDefault = true;
        ts.next();
        this.caseBody(!matched);
      } else {
        ts.unexpected("'case', 'default' or '}'", "in the 'switch' body");
      }
    }
  }

  private runtimeSwitch(tok: Token): void {
    const ts = this.ts;
    ts.expectOp('(', "after 'switch'");
    const bits = switchBits(this.ifHost());
    ts.expectOp(')', "to close the 'switch' value");
    ts.expectOp('{', "to open the 'switch' body");
    const cases: { value: number; body: Op[] }[] = [];
    let fallback: Op[] | undefined;
    const max = 2 ** bits.indices.length;
    while (!ts.acceptOp('}')) {
      const t = ts.peek();
      if (ts.isWord('case')) {
        if (fallback) throw errorAt(t, "'case' after 'default' in a 'switch'");
        ts.next();
        const values: number[] = [];
        do {
          const vTok = ts.peek();
          const value = this.classicalValue(parseExpr(ts, this.version), 'a case value');
          if (!Number.isInteger(value) || value < 0 || value >= max) {
            throw errorAt(vTok, `case value ${value} cannot be read from ${bits.indices.length} bit(s) of '${bits.tok.text}' (0 to ${max - 1})`);
          }
          if (cases.some((c) => c.value === value) || values.includes(value)) throw errorAt(vTok, `case value ${value} appears twice in the 'switch'`);
          values.push(value);
        } while (ts.acceptOp(','));
        if (!ts.isOp('{')) ts.unexpected("'{'", "to open the 'case' body");
        const body = this.collect(() => this.block("'case' body"));
        for (const value of values) cases.push({ value, body });
      } else if (ts.isWord('default')) {
        if (fallback) throw errorAt(t, "a 'switch' has one 'default'");
        ts.next();
        if (!ts.isOp('{')) ts.unexpected("'{'", "to open the 'default' body");
        fallback = this.collect(() => this.block("'default' body"));
      } else {
        ts.unexpected("'case', 'default' or '}'", "in the 'switch' body");
      }
    }
    // if (c == a) A else if (c == b) B … else D, built from the last case outwards.
    let chain: Op[] | undefined = fallback && fallback.length ? fallback : undefined;
    for (let k = cases.length - 1; k >= 0; k--) {
      const { value, body } = cases[k]!;
      const op: Op = { name: 'if_else', qubits: [], params: [], clbits: [], tok, cond: { clbits: bits.indices, value }, blocks: chain ? [body, chain] : [body] };
      chain = [op];
    }
    for (const op of chain ?? []) this.push(op);
  }

  private caseBody(run: boolean): void {
    if (!this.ts.isOp('{')) this.ts.unexpected("'{'", "to open the 'case' body");
    if (run) this.block("'case' body");
    else skipBody(this.ts);
  }

  /** `box [duration]? { … }`: the body, in place (a box groups operations for timing only). */
  protected boxStatement(): void {
    const ts = this.ts;
    ts.next();
    if (ts.acceptOp('[')) {
      this.skipDurationExpression();
      ts.expectOp(']', 'after the box duration');
    }
    if (!ts.isOp('{')) ts.unexpected("'{'", "to open the 'box' body");
    this.block("'box' body");
  }

  /**
   * `delay[duration] operands?;`. A duration literal in s, ms, us/µs or ns becomes a `delay` on
   * each operand qubit (every declared qubit when none is named), which an ideal simulation
   * skips and a noise model relaxes; a duration in `dt` (the device's sample time, unknown to a
   * circuit) or given by an expression or a stretch is checked and dropped.
   */
  protected delayStatement(): void {
    const ts = this.ts;
    const tok = ts.next();
    ts.expectOp('[', "after 'delay' (delay[duration] qubits;)");
    let seconds: number | null = null;
    const first = ts.peek();
    if (first.kind === 'duration' && ts.isOp(']', 1)) {
      const { value, unit } = durationOf(first.text);
      const scale = DURATION_UNITS[unit];
      if (scale !== null && scale !== undefined && Number.isFinite(value) && value >= 0) seconds = value * scale;
    }
    this.skipDurationExpression();
    ts.expectOp(']', 'after the delay duration');
    const operands = ts.peek().kind === 'ident' || ts.peek().kind === 'hwqubit' ? this.operandList() : [];
    ts.expectOp(';', 'after the delay');
    if (seconds === null) return;
    const qubits = operands.length ? [...new Set(operands.flatMap((o) => o.indices))] : Array.from({ length: this.numQubits }, (_, q) => q);
    for (const q of qubits) this.push({ name: 'delay', qubits: [q], params: [seconds], clbits: [], tok });
  }
}
