import { QasmSyntaxError } from '../../core/errors';
import type { Angle } from '../parameter';
import { Declarations } from './declarations';
import { parseExpr, type Expr } from './expr';
import { evalExpr, wrapInteger } from './evaluate';
import type { Token } from './lexer';
import { errorAt } from './stream';

/**
 * OpenQASM 3 classical (non-const) variables, evaluated while the program is read.
 *
 * qbridge's circuit model stores only measurement results at run time (classical bits written by
 * `measure`). Every other classical value — `int`, `uint`, `float`, `angle`, `bool` variables, and
 * bits assigned constants — is computed when the program is read: declarations, assignments
 * (`=`, `+=`, `<<=`, …), `if`/`while`/`switch` on such values, loop counters. Measured bits are
 * used at run time in `if`/`while`/`switch` conditions (`if (c == 2)`, `while (int[2](flags) != 0)`).
 * A bit of an `int[n]`/`uint[n]`/`angle[n]` may take a measurement (`measure q -> c[0];`): it is
 * then a classical bit of its own (the circuit gets a register named after the variable, bit j =
 * the j-th measurement into it), shifts (`c <<= 1`) move such bits, and the variable may be the
 * angle of a gate that adds angles (operations.ts splits it per measured bit) — as iterative phase
 * estimation does. Any other value that would depend on a measurement result is refused with a
 * {@link RuntimeValueError} naming the variable.
 *
 * A declaration without an initialiser is zero (the specification leaves it undefined; zero is
 * what Qiskit and most simulators give). Integers overflow into their width (two's complement for
 * `int`), a `bool` is 0 or 1, an `angle` is taken modulo 2π.
 */

/** The classical variable types (besides `bit`, which are classical registers). */
export const VARIABLE_TYPES: ReadonlySet<string> = new Set(['int', 'uint', 'float', 'angle', 'bool', 'duration', 'stretch', 'complex']);

/** A bit of a measured variable: a constant, or the (placeholder) classical bit a measurement wrote. */
export type VariableBit = 0 | 1 | { readonly clbit: number };

/** A classical variable and its current value. */
export interface ClassicalVariable {
  readonly type: string;
  readonly width: number | undefined;
  value: number;
  readonly tok: Token;
  /**
   * Set once a measurement writes one of its bits (`measure q -> c[0];` on an `angle[n]`/`uint[n]`):
   * bit k, least significant first; then `value` is unused. See {@link ClassicalState.measureIntoVariable}.
   */
  bits?: VariableBit[];
}

/**
 * Measured bits of variables get placeholder clbit indices from here (above any real clbit); the
 * program turns them into one classical register per variable when it builds the circuit.
 */
export const MEASURED_BIT_BASE = 2 ** 40;

/**
 * A value that is known only when the circuit runs (it reads measured bits), asked for where the
 * program must know it when it is read. Callers that can use a run-time condition catch it.
 */
export class RuntimeValueError extends QasmSyntaxError {}

/** The compound assignment operators and the binary operator each applies. */
const COMPOUND: Readonly<Record<string, string>> = {
  '+=': '+', '-=': '-', '*=': '*', '/=': '/', '%=': '%', '**=': '**', '&=': '&', '|=': '|', '^=': '^', '<<=': '<<', '>>=': '>>',
};

/** True when the current token is `=` or a compound assignment. */
export function isAssignmentOp(t: Token): boolean {
  return t.kind === 'op' && (t.text === '=' || t.text in COMPOUND);
}

/** The program's classical state on top of its declarations (see the module comment). */
export abstract class ClassicalState extends Declarations {
  protected readonly vars = new Map<string, ClassicalVariable>();
  /** Classical bits holding a constant the program assigned (not a measurement). */
  protected readonly knownBits = new Map<number, number>();
  /** Classical bits some measurement writes. */
  protected readonly measuredBits = new Set<number>();
  /**
   * How deep the parser is inside bodies that run or not depending on measurements (a run-time
   * `if` or `while`): there classical variables cannot be assigned, their effect being unknown.
   */
  protected runtimeDepth = 0;

  /** The scope of every classical expression: inputs, constants, variables, known bits. */
  protected readonly valueScope = (name: string, tok: Token): Angle | undefined => this.lookup(name, tok);

  protected override lookup(name: string, tok: Token): Angle | undefined {
    const input = this.inputs.get(name);
    if (input !== undefined) return input;
    if (name in this.constants) return this.constants[name];
    const v = this.vars.get(name);
    if (v) {
      if (v.type === 'duration' || v.type === 'stretch') {
        throw errorAt(tok, `'${name}' is a ${v.type}: durations only set timing (delay, box), which the simulator does not model`);
      }
      return v.bits ? this.measuredValue(name, v, tok) : v.value;
    }
    const reg = this.cregs.get(name);
    if (reg) return this.bitsValue(name, Array.from({ length: reg.size }, (_, i) => reg.offset + i), tok);
    if (this.version === 3 && (name === 'true' || name === 'false')) return name === 'true' ? 1 : 0;
    return undefined;
  }

  /**
   * As {@link Declarations.bitOperand}; a measured bit of a variable (`c[0]` after
   * `measure q -> c[0];`) reads as its classical bit, any other variable is named as not bits.
   */
  protected override bitOperand(): ReturnType<Declarations['bitOperand']> {
    const ts = this.ts;
    const t = ts.peek();
    const v = t.kind === 'ident' ? this.vars.get(t.text) : undefined;
    if (!v) return super.bitOperand();
    if (v.bits && ts.isOp('[', 1)) {
      ts.next();
      ts.next();
      const k = this.classicalValue(parseExpr(ts, this.version), 'a bit index');
      ts.expectOp(']', 'after the bit index');
      const b = v.bits[k];
      if (b !== undefined && typeof b !== 'number') return { tok: t, indices: [b.clbit], register: false };
    }
    throw errorAt(t, `'${v.type} ${t.text}' is a classical variable, not bits: only bits that hold measurement results (a bit register, or ${t.text}[k] after measure … -> ${t.text}[k]) are read at run time`);
  }

  /** The integer the bits hold (bits[0] least significant) when all are known constants. */
  protected bitsValue(name: string, bits: readonly number[], tok: Token): number {
    let v = 0;
    for (let k = bits.length - 1; k >= 0; k--) {
      const b = this.knownBits.get(bits[k]!);
      if (b === undefined) {
        throw new RuntimeValueError(
          `'${name}' holds measurement results, known only when the circuit runs: qbridge uses them in 'if'/'while' conditions ` +
            `on bits and registers (c[0], c == 2, int[2](c) != 0), not in other classical expressions`,
          tok.line,
          tok.column,
        );
      }
      v = v * 2 + b;
    }
    return v;
  }

  /**
   * Placeholder clbits of measured variable bits (in allocation order) with their variable; a
   * probe assignment of some of them (evaluating gate arguments per measured bit, operations.ts).
   */
  protected readonly measuredVariableBits: { readonly name: string; readonly variable: ClassicalVariable }[] = [];
  protected probe: ReadonlySet<number> | undefined;

  /** The value of a variable some of whose bits were measured: known only under a probe. */
  private measuredValue(name: string, v: ClassicalVariable, tok: Token): number {
    let int = 0n;
    v.bits!.forEach((b, k) => {
      let bit: number;
      if (typeof b === 'number') bit = b;
      else if (this.probe) bit = this.probe.has(b.clbit) ? 1 : 0;
      else {
        throw new RuntimeValueError(
          `'${name}' holds measurement results, known only when the circuit runs: qbridge uses a measured ${v.type} only as the angle ` +
            `of a rotation or phase gate (p, rz, rx, ry, crz, cp, …), or shifted (<<=, >>=)`,
          tok.line,
          tok.column,
        );
      }
      int |= BigInt(bit) << BigInt(k);
    });
    const w = v.width!;
    if (v.type === 'angle') return (Number(int) * 2 * Math.PI) / 2 ** w;
    if (v.type === 'int' && int >= 1n << BigInt(w - 1)) return Number(int - (1n << BigInt(w)));
    return Number(int);
  }

  /** The placeholder clbits of measured bits among the variables an expression names. */
  protected measuredBitsOf(names: Iterable<string>): number[] {
    const out = new Set<number>();
    for (const n of names) for (const b of this.vars.get(n)?.bits ?? []) if (typeof b !== 'number') out.add(b.clbit);
    return [...out];
  }

  /**
   * `measure q -> c[k];` / `c[k] = measure q;` on an `int[n]`, `uint[n]` or `angle[n]` variable
   * (the name is next): bit k now holds a measurement result, written into a classical bit of
   * its own. Returns that (placeholder) bit.
   */
  protected measureIntoVariable(): { tok: Token; indices: number[]; register: boolean } {
    const ts = this.ts;
    const nameTok = ts.next();
    const v = this.vars.get(nameTok.text)!;
    if (!['int', 'uint', 'angle'].includes(v.type) || v.width === undefined || !ts.isOp('[')) {
      throw errorAt(nameTok, `measuring into '${v.type} ${nameTok.text}' is not supported: qbridge stores measurement results in 'bit' registers, or in one bit (${nameTok.text}[k]) of an int[n], uint[n] or angle[n]`);
    }
    if (this.runtimeDepth > 0) {
      throw errorAt(nameTok, `measuring into a bit of '${nameTok.text}' inside an 'if'/'while' on a measurement result is not supported`);
    }
    ts.next();
    const kTok = ts.peek();
    const k = this.classicalValue(parseExpr(ts, this.version), 'a bit index');
    ts.expectOp(']', 'after the bit index');
    if (!Number.isInteger(k) || k < 0 || k >= v.width) throw errorAt(kTok, `bit index ${k} out of range for '${v.type}[${v.width}] ${nameTok.text}'`);
    if (!v.bits) {
      // The bits of the current value: an angle's are its multiple of 2π/2^n, rounded.
      const w = v.width;
      const int = v.type === 'angle' ? Math.round((v.value / (2 * Math.PI)) * 2 ** w) : v.value;
      const u = BigInt.asUintN(w, BigInt(int));
      v.bits = Array.from({ length: w }, (_, j) => Number((u >> BigInt(j)) & 1n) as 0 | 1);
    }
    const clbit = MEASURED_BIT_BASE + this.measuredVariableBits.length;
    this.measuredVariableBits.push({ name: nameTok.text, variable: v });
    v.bits[k] = { clbit };
    return { tok: nameTok, indices: [clbit], register: false };
  }

  /** `c <<= s;` / `c >>= s;` on a measured variable: its bits move (zeros come in). */
  private shiftMeasured(v: ClassicalVariable, op: string, s: number, tok: Token): void {
    if (!Number.isInteger(s) || s < 0) throw errorAt(tok, `a shift needs a non-negative integer, got ${s}`);
    if (op === '>>=' && v.type === 'int') throw errorAt(tok, `'>>=' of a measured int (sign extension) is not supported; use a uint`);
    const w = v.bits!.length;
    const old = v.bits!;
    v.bits = Array.from({ length: w }, (_, k) => (op === '<<=' ? (k - s >= 0 ? old[k - s]! : 0) : (old[k + s] ?? 0)));
  }

  /** Evaluates an expression to a number (a parameter or a run-time value is refused). */
  protected classicalValue(e: Expr, what: string): number {
    const v = evalExpr(e, this.valueScope);
    if (typeof v !== 'number') throw errorAt(e.tok, `${what} cannot depend on an input parameter`);
    return v;
  }

  /** `v` stored into a variable of `type[width]`. */
  protected coerce(type: string, width: number | undefined, v: number, tok: Token): number {
    switch (type) {
      case 'int':
      case 'uint': {
        if (!Number.isFinite(v)) throw errorAt(tok, `${type} value ${v} is not finite`);
        return wrapInteger(Math.trunc(v), type, width);
      }
      case 'bool':
        return v !== 0 ? 1 : 0;
      case 'angle': {
        const tau = 2 * Math.PI;
        return ((v % tau) + tau) % tau;
      }
      default:
        return v;
    }
  }

  /** `TYPE[width]? NAME (= EXPR)?;` for a classical variable type (the type is next). */
  protected variableDeclaration(): void {
    const ts = this.ts;
    const typeTok = ts.next();
    const type = typeTok.text;
    if (type === 'complex') throw errorAt(typeTok, "complex variables ('complex') are not supported");
    let width: number | undefined;
    if (ts.acceptOp('[')) {
      if (type === 'bool' || type === 'duration' || type === 'stretch') throw errorAt(typeTok, `'${type}' has no width`);
      const wTok = ts.peek();
      width = this.classicalValue(parseExpr(ts, this.version), 'a type width');
      if (!Number.isInteger(width) || width < 1 || width > 64) throw errorAt(wTok, `the width of '${type}' must be an integer from 1 to 64, got ${width}`);
      ts.expectOp(']', 'after the type width');
    }
    const nameTok = ts.expectIdent('a variable name', `after '${type}'`);
    this.declareName(nameTok);
    let value = 0;
    if (type === 'stretch') {
      ts.expectOp(';', "after the 'stretch' declaration");
    } else if (ts.acceptOp('=')) {
      if (type === 'duration') {
        // A duration's value sets timing only (delay, box): read past it, it is not simulated.
        this.skipDurationExpression();
      } else {
        if (ts.isWord('measure')) throw errorAt(ts.peek(), `a measurement result is a bit: store it in a 'bit' register, not in '${type} ${nameTok.text}'`);
        value = this.coerce(type, width, this.classicalValue(parseExpr(ts, this.version), `the value of '${nameTok.text}'`), nameTok);
      }
    }
    if (type !== 'stretch') ts.expectOp(';', 'after the declaration');
    this.vars.set(nameTok.text, { type, width, value, tok: nameTok });
  }

  /** Reads past an expression up to (not including) the `;` that ends it, `{…}` blocks included. */
  protected skipDurationExpression(): void {
    const ts = this.ts;
    let depth = 0;
    for (;;) {
      const t = ts.peek();
      if (t.kind === 'eof') ts.unexpected("';'", 'after the duration');
      if (t.kind === 'op' && depth === 0 && (t.text === ';' || t.text === ']')) return;
      if (t.kind === 'op' && (t.text === '{' || t.text === '(' || t.text === '[')) depth++;
      if (t.kind === 'op' && (t.text === '}' || t.text === ')' || t.text === ']')) depth--;
      ts.next();
    }
  }

  /** `NAME OP= EXPR;` on a classical variable (the name is next). */
  protected variableAssignment(): void {
    const ts = this.ts;
    const nameTok = ts.next();
    const v = this.vars.get(nameTok.text)!;
    if (ts.isOp('[')) throw errorAt(ts.peek(), `assigning a bit of '${v.type} ${nameTok.text}' is not supported (assign the whole value)`);
    const opTok = ts.next();
    if (!isAssignmentOp(opTok)) ts.unexpected("'=' or a compound assignment", `after '${nameTok.text}'`);
    this.refuseInRuntimeBody(nameTok);
    if (v.type === 'duration' || v.type === 'stretch') {
      this.skipDurationExpression();
      ts.expectOp(';', 'after the assignment');
      return;
    }
    if (ts.isWord('measure')) throw errorAt(ts.peek(), `a measurement result is a bit: store it in a 'bit' register, not in '${v.type} ${nameTok.text}'`);
    const e = parseExpr(ts, this.version);
    ts.expectOp(';', 'after the assignment');
    const rhs = this.classicalValue(e, `the value assigned to '${nameTok.text}'`);
    if (v.bits && (opTok.text === '<<=' || opTok.text === '>>=')) {
      this.shiftMeasured(v, opTok.text, rhs, opTok);
      return;
    }
    if (v.bits && opTok.text === '=') delete v.bits; // a new value, known now
    else if (v.bits) this.measuredValue(nameTok.text, v, nameTok); // refused by name: the value is not known
    const value = opTok.text === '=' ? rhs : this.compound(COMPOUND[opTok.text]!, v.value, rhs, opTok);
    v.value = this.coerce(v.type, v.width, value, nameTok);
  }

  /** `a OP b` for a compound assignment, with the expression evaluator's semantics. */
  protected compound(op: string, a: number, b: number, tok: Token): number {
    const lit = (x: number): Expr => ({ k: 'num', v: x, tok });
    const v = evalExpr({ k: 'bin', op: op as never, a: lit(a), b: lit(b), tok }, () => undefined);
    return v as number;
  }

  /** Refuses changing classical state inside a body that runs only for some measurement outcomes. */
  protected refuseInRuntimeBody(tok: Token): void {
    if (this.runtimeDepth > 0) {
      throw errorAt(
        tok,
        `cannot assign '${tok.text}' inside an 'if'/'while' whose condition is a measurement result: ` +
          'qbridge computes classical variables when the program is read, and here the value would depend on the outcome',
      );
    }
  }

  /** Stores the constant `value` into the bits (bits[0] least significant), from `c = EXPR;`. */
  protected assignBits(name: string, bits: readonly number[], value: number, tok: Token): void {
    this.refuseInRuntimeBody(tok);
    if (!Number.isInteger(value)) throw errorAt(tok, `bits of '${name}' need an integer value, got ${value}`);
    const max = 2 ** bits.length;
    if (value < 0 || value >= max) throw errorAt(tok, `value ${value} does not fit in ${bits.length} bit(s) of '${name}' (0 to ${max - 1})`);
    bits.forEach((b, k) => this.knownBits.set(b, Math.floor(value / 2 ** k) % 2));
  }

  /** A measurement now writes these bits: their value is known only at run time. */
  protected bitsMeasured(bits: readonly number[]): void {
    for (const b of bits) {
      this.knownBits.delete(b);
      this.measuredBits.add(b);
    }
  }

  /**
   * The run-time circuit reads a bit as 0 until a measurement writes it: a bit the program set to
   * a constant other than that cannot be read (or reported) at run time.
   */
  protected assertStoredAtRunTime(bits: readonly number[], tok: Token): void {
    for (const b of bits) {
      const v = this.knownBits.get(b);
      if (v !== undefined && (v === 1 || this.measuredBits.has(b))) {
        throw errorAt(tok, `${this.bitName(b)} holds the constant ${v}, assigned by the program rather than measured: qbridge's circuits store only measurement results at run time`);
      }
    }
  }

  /** `'c[2]'` (or `'c'` for a one-bit register) for a global classical bit. */
  protected bitName(b: number): string {
    for (const r of this.cregs.values()) {
      if (b >= r.offset && b < r.offset + r.size) return r.scalar ? `bit '${r.name}'` : `bit '${r.name}[${b - r.offset}]'`;
    }
    return `bit ${b}`;
  }
}
