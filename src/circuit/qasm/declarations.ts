import { Parameter, type Angle } from '../parameter';
import { parseExpr } from './expr';
import { evalExpr } from './evaluate';
import type { GateEntry } from './gate-def';
import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';
import { listElements, parseSelector, registerElements, select, type Elements } from './slices';
import type { QasmInput, QasmOutput } from './inputs';

/** Options of the importer. */
export interface QasmParseOptions {
  /**
   * Read `input float[64] _x_3_;` as the parameter-vector element `x[3]`, undoing the
   * name sanitising of {@link toQasm3} (and of Qiskit's exporter). Default true.
   */
  vectorParameterNames?: boolean;
  /**
   * Reads `include "name";` for a file other than "stdgates.inc"/"qelib1.inc": returns its
   * source and a path that names it (used in errors and to detect include cycles). `from` is
   * the path of the including file (undefined for the main program). Without it such an include
   * is an error; the CLI resolves names relative to the including file, inside the main file's
   * folder only.
   */
  readInclude?: (name: string, from: string | undefined) => IncludedFile;
}

/** What {@link QasmParseOptions.readInclude} returns for one included file. */
export interface IncludedFile {
  /** The file's OpenQASM text. */
  readonly source: string;
  /** A path that names the file: shown in errors inside it and used to detect include cycles. */
  readonly path: string;
}

/** How deep includes may nest (a chain of files each including the next). */
export const MAX_INCLUDE_DEPTH = 16;

/** Limits that keep hostile input from exhausting memory. */
export const MAX_QUBITS = 100_000;
export const MAX_CLBITS = 1_000_000;

/** A declared register (qubits or bits): `size` entries from global index `offset`. */
export interface Reg {
  name: string;
  offset: number;
  size: number;
  /** Declared without a size (`qubit q;`, `bit c;`). */
  scalar: boolean;
}

/** A resolved operand: one qubit/bit, or a whole register. */
export interface Operand {
  tok: Token;
  indices: number[];
  register: boolean;
}

/**
 * The program's symbol table: registers, inputs and names, with the parsing of declarations
 * and operands. {@link QasmProgram} adds statements on top.
 */
export abstract class Declarations {
  protected version: 2 | 3 = 3;
  protected readonly gates = new Map<string, GateEntry>();
  protected readonly symbols = new Map<string, Token>();
  protected readonly qregs = new Map<string, Reg>();
  protected readonly cregs = new Map<string, Reg>();
  protected readonly inputs = new Map<string, Angle>();
  /** The `input` and `output` declarations in order (inputs.ts). */
  protected readonly inputList: QasmInput[] = [];
  protected readonly outputList: QasmOutput[] = [];
  /** `let` aliases of qubits (aliases.ts): the global qubit indices they name. */
  protected readonly aliases = new Map<string, { indices: number[]; scalar: boolean }>();
  protected numQubits = 0;
  protected numClbits = 0;
  protected physical: boolean | undefined;
  /** The version's built-in constants and the program's `const` declarations. */
  protected constants: Record<string, number> = Object.create(null) as Record<string, number>;
  /** The names declared by `const` (they may not be assigned). */
  protected readonly userConsts = new Set<string>();

  constructor(
    protected readonly ts: TokenStream,
    protected readonly options: QasmParseOptions,
  ) {}

  // --- declarations ----------------------------------------------------------------------

  protected declareName(tok: Token): void {
    const name = tok.text;
    // Declared consts are in `constants` too: check the program's own names first.
    const prev = this.symbols.get(name);
    if (prev) throw errorAt(tok, `duplicate declaration: '${name}' is already declared at line ${prev.line}`);
    if (name in this.constants) throw errorAt(tok, `'${name}' is a built-in constant and cannot be redeclared`);
    if (this.gates.has(name)) throw errorAt(tok, `duplicate declaration: '${name}' is already a gate`);
    this.symbols.set(name, tok);
  }

  protected declareGate(name: string, tok: Token): void {
    const prev = this.gates.get(name);
    if (prev && (prev.kind === 'user' || prev.fixed)) {
      const where = prev.kind === 'user' ? `at line ${prev.tok.line}` : `by ${prev.origin}`;
      throw errorAt(tok, `duplicate declaration: gate '${name}' is already defined ${where}`);
    }
    const sym = this.symbols.get(name);
    if (sym) throw errorAt(tok, `duplicate declaration: '${name}' is already declared at line ${sym.line}`);
    this.symbols.set(name, tok);
  }

  /** The value of a name in sizes and indices: constants here (classical.ts adds variables). */
  protected lookup(name: string, _tok: Token): Angle | undefined {
    return this.constants[name];
  }

  /** A constant integer (register size, index). */
  protected integer(what: string): { value: number; tok: Token } {
    const tok = this.ts.peek();
    const v = evalExpr(parseExpr(this.ts, this.version), (n, t) => this.lookup(n, t));
    if (typeof v !== 'number' || !Number.isInteger(v)) throw errorAt(tok, `${what} must be an integer`);
    return { value: v, tok };
  }

  protected size(what: string, max: number): number {
    const { value, tok } = this.integer(what);
    if (value < 1 || value > max) throw errorAt(tok, `${what} must be between 1 and ${max}, got ${value}`);
    return value;
  }

  protected addQreg(nameTok: Token, size: number, scalar: boolean): void {
    if (this.physical) throw errorAt(nameTok, 'declared qubits cannot be mixed with physical qubits ($n)');
    this.physical = false;
    this.declareName(nameTok);
    if (this.numQubits + size > MAX_QUBITS) throw errorAt(nameTok, `too many qubits (more than ${MAX_QUBITS})`);
    this.qregs.set(nameTok.text, { name: nameTok.text, offset: this.numQubits, size, scalar });
    this.numQubits += size;
  }

  protected addCreg(nameTok: Token, size: number, scalar: boolean): void {
    this.declareName(nameTok);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.text)) throw errorAt(nameTok, `invalid register name '${nameTok.text}'`);
    if (this.numClbits + size > MAX_CLBITS) throw errorAt(nameTok, `too many classical bits (more than ${MAX_CLBITS})`);
    this.cregs.set(nameTok.text, { name: nameTok.text, offset: this.numClbits, size, scalar });
    this.numClbits += size;
  }

  /** `qreg q[n];` / `creg c[n];` (both versions). */
  protected oldDeclaration(): void {
    const ts = this.ts;
    const kw = ts.next();
    const nameTok = ts.expectIdent('a register name', `after '${kw.text}'`);
    ts.expectOp('[', `after the register name (${kw.text} NAME[SIZE];)`);
    const size = this.size('register size', kw.text === 'qreg' ? MAX_QUBITS : MAX_CLBITS);
    ts.expectOp(']', 'after the register size');
    ts.expectOp(';', 'after the declaration');
    if (kw.text === 'qreg') this.addQreg(nameTok, size, false);
    else this.addCreg(nameTok, size, false);
  }

  protected qubitDeclaration(): void {
    const ts = this.ts;
    ts.next();
    let size = 1;
    let scalar = true;
    if (ts.acceptOp('[')) {
      size = this.size('register size', MAX_QUBITS);
      scalar = false;
      ts.expectOp(']', 'after the register size');
    }
    if (ts.peek().kind === 'hwqubit') throw errorAt(ts.peek(), 'physical qubits ($n) are used directly, not declared');
    const nameTok = ts.expectIdent('a register name', "after 'qubit'");
    ts.expectOp(';', 'after the declaration');
    this.addQreg(nameTok, size, scalar);
  }

  protected inputDeclaration(): void {
    const ts = this.ts;
    ts.next();
    const type = ts.expectIdent('a type', "after 'input'");
    if (type.text !== 'float' && type.text !== 'angle') {
      throw errorAt(type, `'input ${type.text}' is not supported: only 'input float' and 'input angle' parameters are`);
    }
    if (ts.acceptOp('[')) {
      this.size('type width', 1024);
      ts.expectOp(']', 'after the type width');
    }
    const nameTok = ts.expectIdent('a parameter name', `after 'input ${type.text}'`);
    ts.expectOp(';', 'after the declaration');
    this.declareName(nameTok);
    const vec = /^_([\p{L}\p{Nl}_][\p{L}\p{Nl}0-9_]*)_([0-9]+)_$/u.exec(nameTok.text);
    const name = vec && this.options.vectorParameterNames !== false ? `${vec[1]}[${Number(vec[2])}]` : nameTok.text;
    this.inputs.set(nameTok.text, new Parameter(name));
    this.inputList.push({ name: nameTok.text, parameter: name, type: type.text, line: nameTok.line });
  }

  /** `output bit[n] c;` / `output bit c;`: a classical register reported as an output. */
  protected outputDeclaration(): void {
    const ts = this.ts;
    ts.next();
    const type = ts.expectIdent('a type', "after 'output'");
    if (type.text !== 'bit') {
      throw errorAt(type, `'output ${type.text}' is not supported: only classical bit registers ('output bit[n] c;') can be outputs`);
    }
    let size = 1;
    let scalar = true;
    if (ts.acceptOp('[')) {
      size = this.size('register size', MAX_CLBITS);
      scalar = false;
      ts.expectOp(']', 'after the register size');
    }
    const nameTok = ts.expectIdent('a register name', "after 'output bit'");
    ts.expectOp(';', 'after the declaration');
    this.addCreg(nameTok, size, scalar);
    this.outputList.push({ name: nameTok.text, type: 'bit', size, line: nameTok.line });
  }

  // --- operands ------------------------------------------------------------------------------

  /** `[…]` after `name` (slices.ts), applied to the register's or alias's elements. */
  protected selected(tok: Token, elements: Elements, kind: 'qubit' | 'bit'): Operand {
    const sel = parseSelector(this.ts, this.version, (what) => this.integer(what));
    const { indices, single } = select(elements, sel, tok.text, kind, this.version === 3);
    return { tok, indices, register: !single };
  }

  protected qubitOperand(): Operand {
    const ts = this.ts;
    const t = ts.peek();
    if (t.kind === 'hwqubit') {
      if (this.version === 2) throw errorAt(t, 'physical qubits ($n) are OpenQASM 3 syntax');
      if (this.physical === false) throw errorAt(t, 'physical qubits ($n) cannot be mixed with declared qubits');
      this.physical = true;
      ts.next();
      const k = Number(t.text);
      if (!(k < MAX_QUBITS)) throw errorAt(t, `physical qubit $${t.text} is beyond the limit of ${MAX_QUBITS} qubits`);
      this.numQubits = Math.max(this.numQubits, k + 1);
      return { tok: t, indices: [k], register: false };
    }
    if (t.kind !== 'ident') return ts.unexpected('a qubit');
    ts.next();
    const alias = this.aliases.get(t.text);
    if (alias) {
      if (ts.isOp('[')) return this.selected(t, listElements(alias.indices), 'qubit');
      return { tok: t, indices: [...alias.indices], register: !alias.scalar };
    }
    const reg = this.qregs.get(t.text);
    if (!reg) {
      if (this.cregs.has(t.text)) throw errorAt(t, `'${t.text}' is a classical register where a qubit was expected`);
      throw errorAt(t, `undeclared qubit register '${t.text}'`);
    }
    if (ts.isOp('[')) return this.selected(t, registerElements(reg), 'qubit');
    return { tok: t, indices: range(reg), register: !reg.scalar };
  }

  protected bitOperand(): Operand {
    const ts = this.ts;
    const t = ts.peek();
    if (t.kind !== 'ident') return ts.unexpected('a classical bit');
    ts.next();
    const reg = this.cregs.get(t.text);
    if (!reg) {
      if (this.qregs.has(t.text) || this.aliases.has(t.text)) {
        throw errorAt(t, `'${t.text}' is a qubit register where a classical bit was expected`);
      }
      throw errorAt(t, `undeclared classical register '${t.text}'`);
    }
    if (ts.isOp('[')) return this.selected(t, registerElements(reg), 'bit');
    return { tok: t, indices: range(reg), register: !reg.scalar };
  }

  protected operandList(): Operand[] {
    const out: Operand[] = [];
    do out.push(this.qubitOperand());
    while (this.ts.acceptOp(','));
    return out;
  }

}

export function range(reg: Reg): number[] {
  return Array.from({ length: reg.size }, (_, i) => reg.offset + i);
}

/**
 * OpenQASM broadcasting: registers of equal size pair up elementwise, single qubits repeat.
 * Every resulting call must have distinct qubits.
 */
export function broadcast(operands: readonly Operand[], tok: Token): number[][] {
  const regs = operands.filter((o) => o.register);
  const n = regs.length ? regs[0]!.indices.length : 1;
  for (const r of regs) {
    if (r.indices.length !== n) {
      throw errorAt(r.tok, `cannot broadcast registers of different sizes (${n} and ${r.indices.length})`);
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const qs = operands.map((o) => (o.register ? o.indices[i]! : o.indices[0]!));
    if (new Set(qs).size !== qs.length) throw errorAt(tok, `duplicate qubit argument in the call of '${tok.text}'`);
    out.push(qs);
  }
  return out;
}
