import { QasmSyntaxError } from '../../core/errors';
import { Circuit } from '../circuit';
import { constantsFor, parseExpr } from './expr';
import { Operations } from './operations';
import { isAssignmentOp, MEASURED_BIT_BASE, VARIABLE_TYPES } from './classical';
import { parseGateDefinition } from './gate-def';
import { tokenize, type Token } from './lexer';
import { builtins, qelib1, softNatives, stdgates } from './library';
import { MAX_CLBITS, MAX_INCLUDE_DEPTH, range, type QasmParseOptions } from './declarations';
import { errorAt, TokenStream } from './stream';
import { parseConstDeclaration } from './consts';
import { parseAlias } from './aliases';
import type { QasmProgramResult } from './inputs';
import { type IfHost, type Op } from './control-flow';
import type { Instruction } from '../circuit-base';

/** The qelib1.inc extras whose definitions Qiskit's OpenQASM 2 reader replaces by its own gates. */
const QELIB1_EXTRAS = new Map([...qelib1()].filter(([, g]) => !g.fixed));

/**
 * Statements outside the supported subset, named for the "… are not supported" error: pulse-level
 * calibration (the simulator has no pulses), functions defined outside the program, arrays.
 */
const UNSUPPORTED: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  else: "'else' branches without an 'if'",
  defcal: "pulse-level calibrations ('defcal')", defcalgrammar: "pulse-level calibration grammars ('defcalgrammar')",
  cal: "pulse-level calibration blocks ('cal')", extern: "'extern' functions (defined outside the program)",
  array: "arrays ('array')", opaque: "opaque gate declarations ('opaque')", pragma: 'pragmas',
  case: "'case' outside a 'switch'", default: "'default' outside a 'switch'",
});

/** Statements a loop body may not hold: they declare what must exist once, at the top level. */
const NOT_IN_LOOP = new Set(['qubit', 'bit', 'qreg', 'creg', 'gate', 'input', 'output', 'include', 'OPENQASM', 'def', 'opaque']);

/** OpenQASM 3 statements this parser reads (named when they appear in an OpenQASM 2 program). */
const V3_STATEMENTS = new Set(['for', 'const', 'let', 'output', 'while', 'switch', 'def', 'box', 'delay', 'break', 'continue', 'return', 'stretch']);

/** Parses and interprets a whole program into a {@link Circuit}. */
export class QasmProgram extends Operations {

  constructor(
    source: string,
    private readonly forced: 2 | 3 | undefined,
    options: QasmParseOptions = {},
  ) {
    super(new TokenStream(tokenize(source)), options);
  }

  /** Runs the whole program and returns its circuit with its inputs and outputs. */
  buildProgram(): QasmProgramResult {
    const circuit = this.build();
    return { circuit, inputs: [...this.inputList], outputs: [...this.outputList] };
  }

  /** Runs the whole program. */
  build(): Circuit {
    const ts = this.ts;
    if (ts.peek().kind === 'eof') throw new QasmSyntaxError('empty file: no OpenQASM statements', 1, 1);
    this.header();
    for (const [n, g] of [...builtins(this.version), ...softNatives()]) this.gates.set(n, g);
    this.constants = constantsFor(this.version);
    let statements = 0;
    while (ts.peek().kind !== 'eof') {
      if (ts.acceptOp(';')) continue;
      if (!this.statement()) statements++;
    }
    if (statements === 0) {
      const t = ts.peek();
      throw new QasmSyntaxError('no statements: the program declares and applies nothing', t.line, t.column);
    }
    return this.toCircuit();
  }

  private header(): void {
    const ts = this.ts;
    if (!ts.isWord('OPENQASM')) {
      // Qiskit's OpenQASM 2 reader accepts a program without its header; a header-less program
      // that includes "qelib1.inc" (which only OpenQASM 2 has) is read as OpenQASM 2.
      this.version = this.forced ?? (this.includesQelib1() ? 2 : 3);
      return;
    }
    ts.next();
    const v = ts.peek();
    if (v.kind !== 'int' && v.kind !== 'float') ts.unexpected('a version number', "after 'OPENQASM'");
    ts.next();
    const major = /^([23])(\.[0-9]*)?$/.exec(v.text);
    if (!major || (major[1] === '2' && major[2] && !/^\.0*$/.test(major[2]))) {
      throw errorAt(v, `unsupported OpenQASM version '${v.text}' (2.0 and 3.x are supported)`);
    }
    this.version = major[1] === '2' ? 2 : 3;
    if (this.forced && this.forced !== this.version) {
      throw errorAt(v, `expected an OpenQASM ${this.forced} program, found version ${v.text}`);
    }
    ts.expectOp(';', 'after the version header');
  }

  /** True when some top-level `include "qelib1.inc";` appears in the token stream. */
  private includesQelib1(): boolean {
    const ts = this.ts;
    for (let k = 0; ts.peek(k).kind !== 'eof'; k++) {
      if (ts.isWord('include', k) && ts.peek(k + 1).kind === 'string' && ts.peek(k + 1).text === 'qelib1.inc') return true;
    }
    return false;
  }

  /** One statement; returns true for statements that do not count as content (includes). */
  protected statement(): boolean {
    const ts = this.ts;
    const t = ts.peek();
    if (t.kind !== 'ident') return ts.unexpected('a statement');
    const v3 = this.version === 3;
    if (this.loopDepth > 0 && NOT_IN_LOOP.has(t.text) && !(t.text === 'bit' && this.inCall())) {
      throw errorAt(t, `'${t.text}' is not allowed inside a loop body ('for', 'while'; declare registers, gates and inputs at the top level)`);
    }
    switch (t.text) {
      case 'OPENQASM':
        throw errorAt(t, 'the OPENQASM version header must be the first statement');
      case 'include':
        this.include();
        return true;
      case 'qreg':
      case 'creg':
        this.oldDeclaration();
        return false;
      case 'gate': {
        const { name, nameTok, entry } = parseGateDefinition(
          ts,
          this.version,
          (n) => this.gates.get(n),
          (n) => softNatives().get(n),
          // Qiskit's OpenQASM 2 reader replaces definitions of its qelib1 extras by its own gates.
          (n) => (this.version === 2 ? QELIB1_EXTRAS.get(n) : undefined),
          this.constants,
        );
        this.declareGate(name, nameTok);
        this.gates.set(name, entry);
        return false;
      }
      case 'measure':
        this.measureArrow();
        return false;
      case 'reset':
        this.reset();
        return false;
      case 'barrier':
        this.barrier();
        return false;
      case 'if':
        this.ifStatement();
        return false;
      case 'ctrl':
      case 'negctrl':
      case 'inv':
      case 'pow':
        this.modifiedCall();
        return false;
    }
    if (['qubit', 'bit', 'input', 'gphase'].includes(t.text)) {
      if (!v3) throw errorAt(t, `'${t.text}' is OpenQASM 3 syntax, but this is an OpenQASM 2 program`);
      if (t.text === 'qubit') this.qubitDeclaration();
      else if (t.text === 'bit') this.bitDeclaration();
      else if (t.text === 'input') this.inputDeclaration();
      else this.gphase();
      return false;
    }
    if (!v3 && V3_STATEMENTS.has(t.text) && !this.gates.has(t.text)) {
      throw errorAt(t, `'${t.text}' is OpenQASM 3 syntax, but this is an OpenQASM 2 program`);
    }
    if (v3 && this.v3Statement(t)) return false;
    if (t.text === 'output' && v3) {
      this.outputDeclaration();
      return false;
    }
    if (t.text === 'let' && v3) {
      const a = parseAlias(ts, () => this.qubitOperand(), (n) => this.cregs.has(n));
      this.declareName(a.nameTok);
      this.aliases.set(a.nameTok.text, { indices: a.indices, scalar: a.scalar });
      return false;
    }
    if (t.text === 'const' && v3) {
      this.constDeclaration();
      return false;
    }
    if (this.userConsts.has(t.text) && (ts.isOp('=', 1) || ts.isOp('[', 1) || ts.isOp('=', 2))) {
      throw errorAt(t, `cannot assign to '${t.text}': it is a const (declared at line ${this.symbols.get(t.text)!.line})`);
    }
    if (t.text in UNSUPPORTED && !this.gates.has(t.text)) {
      throw errorAt(t, `${UNSUPPORTED[t.text]} are not supported`);
    }
    if (ts.isOp('@', 1)) throw errorAt(t, `'${t.text}' is not a gate modifier (ctrl, negctrl, inv, pow)`);
    if (v3 && this.vars.has(t.text) && isAssignmentOp(ts.peek(1))) {
      if (ts.isOp('=', 1) && this.subroutines.has(ts.peek(2).text)) {
        ts.next();
        ts.next();
        this.callStatement({ kind: 'var', variable: this.vars.get(t.text)!, tok: t });
      } else this.variableAssignment();
      return false;
    }
    if (v3 && (isAssignmentOp(ts.peek(1)) || ts.isOp('[', 1))) {
      this.bitAssignment();
      return false;
    }
    if (v3 && this.subroutines.has(t.text)) {
      this.callStatement(undefined);
      return false;
    }
    this.gateCall();
    return false;
  }

  /** The OpenQASM 3 statements of the other modules; false when `t` starts none of them. */
  private v3Statement(t: Token): boolean {
    if (this.gates.has(t.text)) return false;
    switch (t.text) {
      case 'for':
        this.forLoop();
        return true;
      case 'while':
        this.whileLoop();
        return true;
      case 'switch':
        this.switchStatement();
        return true;
      case 'break':
      case 'continue':
        return this.loopControl();
      case 'box':
        this.boxStatement();
        return true;
      case 'delay':
        this.delayStatement();
        return true;
      case 'def':
        this.defStatement();
        return true;
      case 'return':
        return this.returnStatement();
    }
    if (VARIABLE_TYPES.has(t.text) && !this.ts.isOp('(', 1)) {
      this.variableDeclaration();
      return true;
    }
    return false;
  }

  private inCall(): boolean {
    return this.callDepth > 0;
  }

  protected ifHost(): IfHost {
    return {
      ts: this.ts, version: this.version, statement: () => void this.statement(), push: (op) => this.push(op),
      bitOperand: () => this.bitOperand(), integer: (w) => this.integer(w),
      isScalarBit: (n) => this.cregs.get(n)?.scalar === true, collect: (fn) => this.collect(fn),
      readable: (bits, tok) => this.assertStoredAtRunTime(bits, tok),
    };
  }

  private include(): void {
    const ts = this.ts;
    ts.next();
    const f = ts.peek();
    if (f.kind !== 'string') ts.unexpected('a file name in quotes', "after 'include'");
    ts.next();
    ts.expectOp(';', 'after the include');
    const lib = this.version === 3 ? 'stdgates.inc' : 'qelib1.inc';
    if (f.text !== lib) {
      if (f.text === 'stdgates.inc' || f.text === 'qelib1.inc' || !this.options.readInclude) {
        const how = this.options.readInclude ? '' : ' (local files are read only when the caller allows it, as the qbridge command does)';
        throw errorAt(f, `cannot include "${f.text}": only "${lib}" is available to an OpenQASM ${this.version} program${how}`);
      }
      this.includeLocal(f);
      return;
    }
    if (this.includes.has(lib)) return;
    this.includes.add(lib);
    for (const [n, g] of this.version === 3 ? stdgates() : qelib1()) {
      const prev = this.gates.get(n);
      if (prev && (prev.kind === 'user' || prev.fixed)) {
        throw errorAt(f, `"${lib}" defines gate '${n}', which is already declared (line ${this.symbols.get(n)?.line ?? '?'})`);
      }
      this.gates.set(n, g);
    }
  }

  /** Which file included which (path → including path, undefined for the main program). */
  private readonly includedFrom = new Map<string, string | undefined>();

  /** A local file's tokens, read next (depth and cycles checked). */
  private includeLocal(f: Token): void {
    let file: { readonly source: string; readonly path: string };
    try {
      file = this.options.readInclude!(f.text, f.file);
    } catch (e) {
      throw errorAt(f, `cannot include "${f.text}": ${e instanceof Error ? e.message : String(e)}`);
    }
    const chain: string[] = [];
    for (let p: string | undefined = f.file; p !== undefined; p = this.includedFrom.get(p)) chain.push(p);
    if (file.path === f.file || chain.includes(file.path)) {
      throw errorAt(f, `include cycle: "${file.path}" includes itself (${[...chain.reverse(), file.path].map((p) => `"${p}"`).join(' → ')})`);
    }
    if (chain.length >= MAX_INCLUDE_DEPTH) throw errorAt(f, `includes nest more than ${MAX_INCLUDE_DEPTH} deep`);
    this.includedFrom.set(file.path, f.file);
    const tokens = tokenize(file.source, file.path);
    this.ts.insert(tokens.slice(0, -1)); // without its eof
  }

  private bitDeclaration(): void {
    const ts = this.ts;
    ts.next();
    let size = 1;
    let scalar = true;
    if (ts.acceptOp('[')) {
      size = this.size('register size', MAX_CLBITS);
      scalar = false;
      ts.expectOp(']', 'after the register size');
    }
    const nameTok = ts.expectIdent('a register name', "after 'bit'");
    // Inside a subroutine only the returned bits may be declared: they are the caller's target.
    if (!this.localBits(nameTok, size, scalar)) this.addCreg(nameTok, size, scalar);
    if (ts.acceptOp('=')) {
      const eq = ts.peek();
      const bits = range(this.cregs.get(nameTok.text)!);
      if (ts.isWord('measure')) {
        ts.next();
        const q = this.qubitOperand();
        this.measure(q, { tok: nameTok, indices: bits, register: true }, eq);
      } else {
        this.assignBits(nameTok.text, bits, this.classicalValue(parseExpr(ts, this.version), `the value of '${nameTok.text}'`), eq);
      }
    }
    ts.expectOp(';', 'after the declaration');
  }

  /** `const int n = 3;` (consts.ts): the value joins the constants every expression sees. */
  private constDeclaration(): void {
    const d = parseConstDeclaration(this.ts, this.version, this.constants, (n) => this.inputs.has(n));
    this.declareName(d.nameTok);
    this.constants[d.nameTok.text] = d.value;
    this.userConsts.add(d.nameTok.text);
  }

  // --- operations ----------------------------------------------------------------------------

  /**
   * The classical registers of measured variables (classical.ts): one per variable, named after
   * it, bit j holding the j-th measurement written into the variable; and where each placeholder
   * bit lands.
   */
  private measuredRegisters(): { registers: [string, number][]; place: Map<number, number> } {
    const byVariable = new Map<object, { name: string; clbits: number[] }>();
    this.measuredVariableBits.forEach(({ name, variable }, j) => {
      const entry = byVariable.get(variable) ?? { name, clbits: [] };
      entry.clbits.push(MEASURED_BIT_BASE + j);
      byVariable.set(variable, entry);
    });
    const taken = new Set(this.cregs.keys());
    const registers: [string, number][] = [];
    const place = new Map<number, number>();
    let next = this.numClbits;
    for (const { name, clbits } of byVariable.values()) {
      let unique = name;
      for (let k = 1; taken.has(unique); k++) unique = `${name}_${k}`;
      taken.add(unique);
      registers.push([unique, clbits.length]);
      for (const c of clbits) place.set(c, next++);
    }
    return { registers, place };
  }

  private toCircuit(): Circuit {
    const measured = this.measuredRegisters();
    const circuit = new Circuit(this.numQubits, {
      classicalRegisters: [...[...this.cregs.values()].map((r) => [r.name, r.size] as [string, number]), ...measured.registers],
    });
    circuit.globalPhase = this.globalPhase;
    const all = Array.from({ length: this.numQubits }, (_, i) => i);
    const bit = (c: number): number => measured.place.get(c) ?? c;
    const toInstruction = (op: Op): Instruction =>
      op.cond
        ? {
            name: op.name, qubits: [], clbits: [], params: [],
            condition: { ...op.cond, clbits: op.cond.clbits.map(bit) },
            blocks: op.blocks!.map((b) => b.map(toInstruction)),
          }
        : { name: op.name, qubits: op.qubits ?? all, params: op.params, clbits: op.clbits.map(bit) };
    // Every bit the circuit reports must hold at run time what the program left in it.
    const end = this.ts.peek();
    this.assertStoredAtRunTime([...this.knownBits.keys()], end);
    for (const op of this.ops) {
      try {
        circuit.appendInstruction(toInstruction(op));
      } catch (e) {
        // The checks above should make this unreachable; keep the promise of one error type.
        throw errorAt(op.tok, e instanceof Error ? e.message : String(e));
      }
    }
    return circuit;
  }
}
