import { MAX_CLBITS, type Operand, type Reg } from './declarations';
import { parseExpr } from './expr';
import { FlowStatements } from './flow';
import type { ClassicalVariable } from './classical';
import type { Token } from './lexer';
import { errorAt } from './stream';
import { isGateStyleCall, MAX_CALL_DEPTH, MAX_CALLS, parseSubroutine, type Subroutine, type SubroutineParam } from './subroutines';

/** Where a call's result goes: classical bits (`c = f(…);`) or a classical variable. */
export type CallTarget =
  | { readonly kind: 'bits'; readonly bits: readonly number[]; readonly name: string; readonly tok: Token }
  | { readonly kind: 'var'; readonly variable: ClassicalVariable; readonly tok: Token };

/** One argument bound to its parameter. */
type Argument =
  | { readonly param: SubroutineParam & { kind: 'qubit' | 'bit' }; readonly operand: Operand }
  | { readonly param: SubroutineParam & { kind: 'value' }; readonly value: number; readonly tok: Token };

/** `return` on its way to the call that handles it. */
class ReturnSignal {}

interface Frame {
  readonly sub: Subroutine;
  readonly target: CallTarget | undefined;
  readonly runtimeDepth: number;
}

/** Subroutine definitions and calls (subroutines.ts describes the semantics). */
export abstract class SubroutineCalls extends FlowStatements {
  protected readonly subroutines = new Map<string, Subroutine>();
  private frame: Frame | undefined;
  /** How many subroutine calls are being expanded. */
  protected callDepth = 0;
  private calls = 0;

  /** Measures the operand's qubits into the bits, one by one. */
  protected abstract measure(q: Operand, c: Operand, tok: Token): void;

  /** `def …` (the keyword is next). */
  protected defStatement(): void {
    const sub = parseSubroutine(this.ts, (w) => this.size(w, MAX_CLBITS));
    this.declareName(sub.nameTok);
    this.subroutines.set(sub.nameTok.text, sub);
  }

  /**
   * A call: `f(a, q);`, `f(1) q, r;` / `f q;` (gate-like: classical arguments in parentheses,
   * then the qubits), with `target` for `c = f(…);` (the subroutine's name is next).
   */
  protected callStatement(target: CallTarget | undefined): void {
    const ts = this.ts;
    const nameTok = ts.next();
    const sub = this.subroutines.get(nameTok.text)!;
    const args: Argument[] = [];
    const count = (what: string, want: number, got: number): void => {
      if (want !== got) throw errorAt(nameTok, `subroutine '${nameTok.text}' takes ${want} ${what}, got ${got}`);
    };
    if (isGateStyleCall(ts)) {
      const classical = sub.params.filter((p): p is SubroutineParam & { kind: 'value' } => p.kind === 'value');
      const quantum = sub.params.filter((p): p is SubroutineParam & { kind: 'qubit' | 'bit' } => p.kind !== 'value');
      const values: { value: number; tok: Token }[] = [];
      if (ts.acceptOp('(')) {
        if (!ts.isOp(')')) {
          do {
            const tok = ts.peek();
            values.push({ value: this.classicalValue(parseExpr(ts, this.version), 'a subroutine argument'), tok });
          } while (ts.acceptOp(','));
        }
        ts.expectOp(')', 'to close the arguments');
      }
      const operands = ts.peek().kind === 'ident' || ts.peek().kind === 'hwqubit' ? this.operandList() : [];
      count('classical argument(s)', classical.length, values.length);
      count('qubit argument(s)', quantum.length, operands.length);
      classical.forEach((param, k) => args.push({ param, ...values[k]! }));
      quantum.forEach((param, k) => {
        if (param.kind === 'bit') throw errorAt(operands[k]!.tok, `'${param.nameTok.text}' is a bit parameter: pass bits inside the parentheses`);
        args.push({ param, operand: operands[k]! });
      });
    } else {
      ts.expectOp('(', `after the subroutine name '${nameTok.text}'`);
      let k = 0;
      while (!ts.isOp(')')) {
        if (k > 0) ts.expectOp(',', 'between arguments');
        const param = sub.params[k];
        if (!param) count('argument(s)', sub.params.length, k + 1);
        if (param!.kind === 'qubit') args.push({ param: param as SubroutineParam & { kind: 'qubit' }, operand: this.qubitOperand() });
        else if (param!.kind === 'bit') args.push({ param: param as SubroutineParam & { kind: 'bit' }, operand: this.bitOperand() });
        else {
          const tok = ts.peek();
          args.push({ param: param as SubroutineParam & { kind: 'value' }, value: this.classicalValue(parseExpr(ts, this.version), 'a subroutine argument'), tok });
        }
        k++;
      }
      ts.next();
      count('argument(s)', sub.params.length, k);
    }
    ts.expectOp(';', 'after the subroutine call');
    this.expand(sub, args, target, nameTok);
  }

  /** Reads the body of `sub` with its parameters bound, in a scope of its own. */
  private expand(sub: Subroutine, args: readonly Argument[], target: CallTarget | undefined, tok: Token): void {
    const name = sub.nameTok.text;
    if (this.callDepth >= MAX_CALL_DEPTH) throw errorAt(tok, `subroutine calls nested more than ${MAX_CALL_DEPTH} deep (is '${name}' recursive?)`);
    if (++this.calls > MAX_CALLS) throw errorAt(tok, `the program expands more than ${MAX_CALLS} subroutine calls`);
    if (target && !sub.returns) throw errorAt(tok, `subroutine '${name}' returns no value`);
    if (target?.kind === 'bits' && sub.returns && sub.returns.type === 'bit' && (sub.returns.size ?? 1) !== target.bits.length) {
      throw errorAt(target.tok, `subroutine '${name}' returns bit[${sub.returns.size ?? 1}], assigned to ${target.bits.length} bit(s)`);
    }
    const ts = this.ts;
    const caller = {
      qregs: new Map(this.qregs), cregs: new Map(this.cregs), aliases: new Map(this.aliases), vars: new Map(this.vars),
      symbols: new Map(this.symbols), frame: this.frame, loopDepth: this.loopDepth, loopRuntimeDepths: this.loopRuntimeDepths, pos: ts.mark(),
    };
    // The body sees gates, subroutines and constants only: the caller's registers and variables are hidden.
    for (const n of [...this.qregs.keys(), ...this.cregs.keys(), ...this.aliases.keys(), ...this.vars.keys()]) this.symbols.delete(n);
    this.qregs.clear();
    this.cregs.clear();
    this.aliases.clear();
    this.vars.clear();
    try {
      for (const a of args) this.bind(a, name);
      this.frame = { sub, target, runtimeDepth: this.runtimeDepth };
      this.callDepth++;
      this.loopDepth = 0;
      this.loopRuntimeDepths = [];
      ts.seek(sub.body);
      try {
        this.block(`body of subroutine '${name}'`);
      } catch (e) {
        if (!(e instanceof ReturnSignal)) throw e;
      }
    } finally {
      this.callDepth--;
      for (const [map, saved] of [[this.qregs, caller.qregs], [this.cregs, caller.cregs], [this.aliases, caller.aliases], [this.vars, caller.vars], [this.symbols, caller.symbols]] as const) {
        (map as Map<string, unknown>).clear();
        for (const [k, v] of saved as Map<string, unknown>) (map as Map<string, unknown>).set(k, v);
      }
      this.frame = caller.frame;
      this.loopDepth = caller.loopDepth;
      this.loopRuntimeDepths = caller.loopRuntimeDepths;
      ts.seek(caller.pos);
    }
  }

  private bind(a: Argument, sub: string): void {
    this.declareName(a.param.nameTok);
    if ('value' in a) {
      const v = a.param;
      this.vars.set(v.nameTok.text, { type: v.type, width: v.width, value: this.coerce(v.type, v.width, a.value, a.tok), tok: v.nameTok });
      return;
    }
    const p = a.param;
    const n = a.operand.indices.length;
    if (p.size !== undefined ? n !== p.size || !a.operand.register : a.operand.register && n !== 1) {
      throw errorAt(a.operand.tok, `argument '${a.operand.tok.text}' of '${sub}' has ${n} ${p.kind}(s), parameter '${p.nameTok.text}' takes ${p.size ?? 1}`);
    }
    if (p.kind === 'qubit') {
      this.aliases.set(p.nameTok.text, { indices: [...a.operand.indices], scalar: p.size === undefined });
      return;
    }
    this.cregs.set(p.nameTok.text, this.contiguous(p.nameTok.text, a.operand.indices, p.size === undefined, a.operand.tok));
  }

  /** A register view of consecutive bits (a bit parameter or returned variable names them). */
  private contiguous(name: string, bits: readonly number[], scalar: boolean, tok: Token): Reg {
    if (bits.some((b, k) => b !== bits[0]! + k)) throw errorAt(tok, `the bits given for '${name}' must be consecutive bits of one register (a register or a slice a:b)`);
    return { name, offset: bits[0]!, size: bits.length, scalar };
  }

  /**
   * Inside a call, `bit[n] b;` for the variable the subroutine returns: it is the caller's target
   * itself. Returns false outside calls (an ordinary declaration follows).
   * @throws {QasmSyntaxError} for other bit variables inside a subroutine
   */
  protected localBits(nameTok: Token, size: number, scalar: boolean): boolean {
    const f = this.frame;
    if (!f) return false;
    const target = f.target;
    if (nameTok.text !== f.sub.returnedLocal) {
      throw errorAt(nameTok, `a 'bit' variable inside a subroutine ('${nameTok.text}') is supported only as the value it returns (qbridge adds no classical registers of its own)`);
    }
    if (!target || target.kind !== 'bits') {
      throw errorAt(nameTok, `the bits '${f.sub.nameTok.text}' returns must be assigned to bits (c = ${f.sub.nameTok.text}(…);)`);
    }
    if (target.bits.length !== size) throw errorAt(nameTok, `'${nameTok.text}' has ${size} bit(s), assigned to ${target.bits.length} bit(s)`);
    this.declareName(nameTok);
    this.cregs.set(nameTok.text, this.contiguous(nameTok.text, target.bits, scalar, target.tok));
    return true;
  }

  /** `return [value];` (the keyword is next): stores the value in the caller's target, ends the call. */
  protected returnStatement(): never {
    const ts = this.ts;
    const tok = ts.next();
    const f = this.frame;
    if (!f) throw errorAt(tok, "'return' outside a subroutine");
    const name = f.sub.nameTok.text;
    if (this.runtimeDepth !== f.runtimeDepth) throw errorAt(tok, `'return' inside an 'if' on a measurement result is not supported (in '${name}')`);
    if (ts.acceptOp(';')) {
      if (f.sub.returns) throw errorAt(tok, `subroutine '${name}' must return a value`);
      throw new ReturnSignal();
    }
    if (!f.sub.returns) throw errorAt(tok, `subroutine '${name}' returns no value`);
    const target = f.target;
    if (ts.isWord('measure')) {
      const m = ts.next();
      const q = this.qubitOperand();
      ts.expectOp(';', 'after the returned measurement');
      if (!target || target.kind !== 'bits') throw errorAt(m, `the result of '${name}' is a measurement: assign it to bits (c = ${name}(…);)`);
      this.measure(q, { tok: target.tok, indices: [...target.bits], register: true }, m);
      throw new ReturnSignal();
    }
    if (ts.peek().text === f.sub.returnedLocal && this.cregs.has(ts.peek().text) && ts.isOp(';', 1)) {
      // The returned bits are the target's own (localBits): nothing to copy.
      ts.next();
      ts.next();
      throw new ReturnSignal();
    }
    const e = parseExpr(ts, this.version);
    ts.expectOp(';', 'after the returned value');
    const v = this.classicalValue(e, `the value '${name}' returns`);
    if (target?.kind === 'var') target.variable.value = this.coerce(target.variable.type, target.variable.width, v, target.tok);
    else if (target) this.assignBits(target.name, target.bits, v, target.tok);
    throw new ReturnSignal();
  }
}
