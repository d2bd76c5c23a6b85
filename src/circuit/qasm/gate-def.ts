import type { Angle } from '../parameter';
import { constantsFor, identifiersOf, parseExpr, type Expr } from './expr';
import type { Token } from './lexer';
import { canonicalDefinition, normalizedDefinition, type NativeGate } from './library';
import { errorAt, type TokenStream } from './stream';
import { MODIFIER_WORDS, modifiedCallExprs, parseModifiedHead, type ModifiedCall } from './modifiers';

/** A gate defined by the program: its body is inlined, with parameters substituted, at each call. */
export interface UserGate {
  readonly kind: 'user';
  readonly name: string;
  readonly params: readonly string[];
  readonly numParams: number;
  readonly numQubits: number;
  readonly body: readonly BodyOp[];
  readonly tok: Token;
}

/** Any gate a call can name. */
export type GateEntry = NativeGate | UserGate;

/** One statement of a gate body, resolved when the gate is defined. */
export type BodyOp =
  | { readonly kind: 'call'; readonly gate: GateEntry; readonly args: readonly Expr[]; readonly qubits: readonly number[] }
  | { readonly kind: 'gphase'; readonly arg: Expr }
  | { readonly kind: 'mod'; readonly call: ModifiedCall<GateEntry>; readonly qubits: readonly number[] };

/** Statements that cannot appear in a gate body, with the reason given. */
const NOT_IN_BODY = new Set(['measure', 'reset', 'qubit', 'qreg', 'bit', 'creg', 'gate', 'include', 'input', 'OPENQASM']);

/** Names a program may not use for its own gates. */
const BUILTIN_NAMES = new Set(['U', 'gphase', 'measure', 'reset', 'barrier', 'gate', 'opaque', 'include', 'qubit', 'qreg',
  'bit', 'creg', 'input', 'OPENQASM', 'if', 'for', 'while', 'def', 'pi', 'tau', 'euler', 'ctrl', 'negctrl', 'inv', 'pow']);

/**
 * Parses `gate NAME [(params)] qubits { body }` (the `gate` keyword is the current token) and
 * returns the entry to register under NAME. Calls in the body are resolved now, against the
 * gates defined so far, so a gate can never call itself.
 *
 * `replacedByNative` models Qiskit's OpenQASM 2 reader: a program's definition of one of the
 * qelib1.inc extras Qiskit knows (sx, sxdg, p, rzz, …) is replaced by Qiskit's gate.
 *
 * When NAME is one of qbridge's soft native gates and the body is the canonical one the
 * exporter writes (up to argument names), the native gate is kept: same matrix, and
 * export → import gives back the same instruction.
 */
export function parseGateDefinition(
  ts: TokenStream,
  version: 2 | 3,
  lookup: (name: string) => GateEntry | undefined,
  soft: (name: string) => NativeGate | undefined,
  replacedByNative: (name: string) => NativeGate | undefined = () => undefined,
  globals: Record<string, number> = constantsFor(version),
): { name: string; nameTok: Token; entry: GateEntry } {
  const start = ts.mark();
  ts.next(); // gate
  const nameTok = ts.expectIdent('a gate name', "after 'gate'");
  const name = nameTok.text;
  if (BUILTIN_NAMES.has(name) || (version === 2 && name === 'CX')) {
    throw errorAt(nameTok, `'${name}' is built in and cannot be redefined`);
  }
  const params: string[] = [];
  // The built-in constants and the program's consts declared so far (a body may use both).
  const constants = globals;
  const declare = (list: string[], tok: Token, what: string): void => {
    if (params.includes(tok.text) || list.includes(tok.text)) {
      throw errorAt(tok, `duplicate ${what} '${tok.text}' in the definition of gate '${name}'`);
    }
    if (tok.text in constants) throw errorAt(tok, `'${tok.text}' is a built-in constant and cannot name a ${what}`);
    list.push(tok.text);
  };
  if (ts.acceptOp('(')) {
    if (!ts.isOp(')')) {
      do declare(params, ts.expectIdent('a parameter name'), 'parameter');
      while (ts.acceptOp(','));
    }
    ts.expectOp(')', 'to close the parameter list');
  }
  const qubits: string[] = [];
  do declare(qubits, ts.expectIdent('a qubit argument name', `in the definition of gate '${name}'`), 'qubit argument');
  while (ts.acceptOp(','));
  ts.expectOp('{', `to open the body of gate '${name}'`);
  const body: BodyOp[] = [];
  while (!ts.isOp('}')) {
    const t = ts.peek();
    if (t.kind === 'eof') ts.unexpected("'}'", `to close the body of gate '${name}'`);
    if (t.kind !== 'ident') ts.unexpected('a gate call', `in the body of gate '${name}'`);
    if (NOT_IN_BODY.has(t.text)) throw errorAt(t, `'${t.text}' is not allowed in a gate body`);
    if (!MODIFIER_WORDS.has(t.text) && ts.isOp('@', 1)) throw errorAt(t, `'${t.text}' is not a gate modifier (ctrl, negctrl, inv, pow)`);
    const checkIds = (e: Expr): void => {
      for (const id of identifiersOf(e)) {
        if (!params.includes(id.text) && !(id.text in constants)) {
          throw errorAt(id, `undeclared identifier '${id.text}' in the body of gate '${name}'`);
        }
      }
    };
    const readQubits = (): number[] => {
      const out: number[] = [];
      if (ts.isOp(';')) return out;
      do {
        const q = ts.peek();
        if (q.kind !== 'ident') ts.unexpected('a qubit argument of the gate', `in the body of gate '${name}'`);
        ts.next();
        if (ts.isOp('[')) throw errorAt(ts.peek(), `gate bodies can only use the gate's own qubit arguments, not indexed registers`);
        const k = qubits.indexOf(q.text);
        if (k < 0) throw errorAt(q, `undeclared qubit '${q.text}' in the body of gate '${name}'`);
        if (out.includes(k)) throw errorAt(q, `duplicate qubit argument '${q.text}'`);
        out.push(k);
      } while (ts.acceptOp(','));
      return out;
    };
    if (MODIFIER_WORDS.has(t.text) && !lookup(t.text)) {
      const call = parseModifiedHead(ts, version, lookup, constants);
      modifiedCallExprs(call).forEach(checkIds);
      let qs = readQubits();
      ts.expectOp(';', 'after the gate call');
      // An uncontrolled gphase is global whatever operands it names (as the plain statement).
      if (call.gate === 'gphase' && call.numQubits === 0) qs = [];
      if (qs.length !== call.numQubits) {
        throw errorAt(call.nameTok, `wrong number of qubit arguments: the modified gate '${call.nameTok.text}' takes ${call.numQubits}, got ${qs.length}`);
      }
      body.push({ kind: 'mod', call, qubits: qs });
      continue;
    }
    ts.next();
    if (t.text === 'barrier') {
      readQubits(); // barriers inside a gate have no effect on the unitary: dropped
      ts.expectOp(';', 'after the barrier');
      continue;
    }
    const args: Expr[] = [];
    if (ts.acceptOp('(')) {
      if (!ts.isOp(')')) {
        do args.push(parseExpr(ts, version));
        while (ts.acceptOp(','));
      }
      ts.expectOp(')', 'to close the parameter list');
    }
    args.forEach(checkIds);
    if (t.text === 'gphase' && version === 3) {
      if (args.length !== 1) throw errorAt(t, `gphase expects 1 parameter, got ${args.length}`);
      readQubits();
      ts.expectOp(';', 'after the gphase statement');
      body.push({ kind: 'gphase', arg: args[0]! });
      continue;
    }
    const gate = lookup(t.text);
    if (!gate) throw errorAt(t, `unknown gate '${t.text}'`);
    const qs = readQubits();
    ts.expectOp(';', 'after the gate call');
    checkArity(t, gate, args.length, qs.length);
    body.push({ kind: 'call', gate, args, qubits: qs });
  }
  ts.next(); // }
  const qiskit = replacedByNative(name);
  if (qiskit && qiskit.numParams === params.length && qiskit.numQubits === qubits.length) return { name, nameTok, entry: qiskit };
  const sv = soft(name);
  if (sv && sv.numParams === params.length && sv.numQubits === qubits.length) {
    if (canonicalDefinition(name) === normalizedDefinition(ts.since(start))) return { name, nameTok, entry: sv };
  }
  return {
    name,
    nameTok,
    entry: { kind: 'user', name, params, numParams: params.length, numQubits: qubits.length, body, tok: nameTok },
  };
}

/** Throws the parameter-count or qubit-count error for a call of `gate`. */
export function checkArity(tok: Token, gate: GateEntry, numParams: number, numQubits: number): void {
  if (numParams !== gate.numParams) {
    throw errorAt(tok, `wrong number of parameters: gate '${tok.text}' expects ${gate.numParams}, got ${numParams}`);
  }
  if (numQubits !== gate.numQubits) {
    throw errorAt(tok, `wrong number of qubit arguments: gate '${tok.text}' expects ${gate.numQubits}, got ${numQubits}`);
  }
}

/** Binds a user gate's parameter names to the call's values. */
export function gateScope(gate: UserGate, values: readonly Angle[], constants: Record<string, number>): (n: string) => Angle | undefined {
  return (n) => {
    const k = gate.params.indexOf(n);
    return k >= 0 ? values[k] : constants[n];
  };
}
