/**
 * A deliberately small OpenQASM 3 reader for ISA circuits, the server's own "IBM-side" parser.
 * It knows only what an ISA Sampler circuit needs: `$n` physical qubits (or `qubit[n] q;`
 * mapped index to index), `bit[n] c;`, `input float[64] x;`, gate calls with arithmetic angle
 * expressions, `c[i] = measure $q;`, `measure $q -> c[i];`, `reset $q;`, barriers and delays
 * (ignored), `if (c[i] == v) { … } else { … }` / `if (c == v) { … }` on measured bits (dynamic
 * circuits, as Heron runs them), and `gate ... { }` definitions (skipped: gates are known by
 * name). Anything else is an error
 * (the server then fails the job with a parse error code, as IBM does with 1603).
 *
 * Independent of `src/circuit/qasm` on purpose: the server must not share bugs with the client.
 */

/** One operation on physical qubits; `params` are expression sources. */
export interface IsaOp {
  name: string;
  qubits: number[];
  params: string[];
  /** For `measure`: the target register and bit. */
  clbit?: { reg: string; index: number };
  /** For `if_else`: the bits read (least significant first), the value they must equal, the bodies. */
  cond?: { bits: { reg: string; index: number }[]; value: number };
  body?: IsaOp[];
  orelse?: IsaOp[];
}

/** A parsed program. */
export interface IsaProgram {
  ops: IsaOp[];
  registers: { name: string; size: number }[];
  inputs: string[];
}

/** A parse failure (the message goes into the failed job's reason). */
export class IsaParseError extends Error {
  override readonly name = 'IsaParseError';
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

/** The index of the `}` closing the `{` at `open`. @throws {IsaParseError} when there is none */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '{') depth++;
    else if (text[k] === '}' && --depth === 0) return k;
  }
  throw new IsaParseError('unterminated block');
}

/** Parses `source`. @throws {IsaParseError} */
export function parseIsaQasm(source: string): IsaProgram {
  const text = stripComments(source);
  const registers: { name: string; size: number }[] = [];
  const inputs: string[] = [];
  const qregs = new Map<string, { offset: number; size: number }>();
  let qubitOffset = 0;
  const qubit = (arg: string): number => {
    const a = arg.trim();
    let q: RegExpExecArray | null;
    if ((q = /^\$(\d+)$/.exec(a))) return Number(q[1]);
    if ((q = /^([A-Za-z_]\w*)\[(\d+)\]$/.exec(a)) && qregs.has(q[1]!)) {
      const r = qregs.get(q[1]!)!;
      if (Number(q[2]) >= r.size) throw new IsaParseError(`qubit index out of range: ${a}`);
      return r.offset + Number(q[2]);
    }
    throw new IsaParseError(`unsupported qubit argument '${a}'`);
  };
  const clbit = (arg: string): { reg: string; index: number } => {
    const c = /^([A-Za-z_]\w*)(?:\[(\d+)\])?$/.exec(arg.trim());
    const reg = c && registers.find((r) => r.name === c[1]);
    if (!c || !reg) throw new IsaParseError(`unknown classical bit '${arg.trim()}'`);
    const index = c[2] === undefined ? 0 : Number(c[2]);
    if (index >= reg.size) throw new IsaParseError(`bit index out of range: ${arg.trim()}`);
    return { reg: reg.name, index };
  };
  /** `c[i] == v`, `c == v` (the whole register), `c[i]` or `!c[i]`. */
  const condition = (src: string): { bits: { reg: string; index: number }[]; value: number } => {
    const t = src.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(!?)\s*([A-Za-z_]\w*\[\d+\])$/.exec(t))) return { bits: [clbit(m[2]!)], value: m[1] ? 0 : 1 };
    if ((m = /^([A-Za-z_]\w*)(\[\d+\])?\s*==\s*(\d+)$/.exec(t))) {
      const value = Number(m[3]);
      if (m[2]) return { bits: [clbit(m[1]! + m[2])], value };
      const reg = registers.find((r) => r.name === m![1]);
      if (!reg) throw new IsaParseError(`unknown classical register '${m[1]}'`);
      return { bits: Array.from({ length: reg.size }, (_, index) => ({ reg: reg.name, index })), value };
    }
    throw new IsaParseError(`unsupported condition '${t}'`);
  };
  const block = (from: number, to: number): IsaOp[] => {
    const ops: IsaOp[] = [];
    let i = from;
    while (i < to) {
      const lead = /^\s*/.exec(text.slice(i, to))![0].length;
      if (i + lead >= to) break;
      i += lead;
      const head = /^[A-Za-z_]+/.exec(text.slice(i, to))?.[0] ?? '';
      if (head === 'gate' || head === 'def') {
        const open = text.indexOf('{', i);
        if (open < 0 || open >= to) throw new IsaParseError('unterminated gate definition');
        i = matchingBrace(text, open) + 1;
        continue;
      }
      if (head === 'if') {
        const m = /^if\s*\(([^)]*)\)\s*\{/.exec(text.slice(i, to));
        if (!m) throw new IsaParseError(`cannot parse statement '${text.slice(i, i + 40).trim()}'`);
        const open = i + m[0].length - 1;
        const close = matchingBrace(text, open);
        const op: IsaOp = { name: 'if_else', qubits: [], params: [], cond: condition(m[1]!), body: block(open + 1, close) };
        i = close + 1;
        const e = /^\s*else\s*\{/.exec(text.slice(i, to));
        if (e) {
          const eOpen = i + e[0].length - 1;
          const eClose = matchingBrace(text, eOpen);
          op.orelse = block(eOpen + 1, eClose);
          i = eClose + 1;
        }
        op.qubits = [...new Set([...op.body!, ...(op.orelse ?? [])].flatMap(flatQubits))];
        ops.push(op);
        continue;
      }
      const end = text.indexOf(';', i);
      if (end < 0 || end >= to) throw new IsaParseError(`missing ';' after '${text.slice(i, i + 30).trim()}'`);
      const stmt = text.slice(i, end).trim().replace(/\s+/g, ' ');
      i = end + 1;
      let m: RegExpExecArray | null;
      if (/^OPENQASM \d+(\.\d+)?$/.test(stmt) || /^include "[^"]*"$/.test(stmt)) continue;
      if ((m = /^bit(?:\[(\d+)\])? ([A-Za-z_]\w*)$/.exec(stmt)) || (m = /^creg ([A-Za-z_]\w*)\[(\d+)\]$/.exec(stmt))) {
        const [name, size] = stmt.startsWith('creg') ? [m[1]!, Number(m[2])] : [m[2]!, m[1] === undefined ? 1 : Number(m[1])];
        registers.push({ name, size });
        continue;
      }
      if ((m = /^qubit(?:\[(\d+)\])? ([A-Za-z_]\w*)$/.exec(stmt)) || (m = /^qreg ([A-Za-z_]\w*)\[(\d+)\]$/.exec(stmt))) {
        const [name, size] = stmt.startsWith('qreg') ? [m[1]!, Number(m[2])] : [m[2]!, m[1] === undefined ? 1 : Number(m[1])];
        qregs.set(name, { offset: qubitOffset, size });
        qubitOffset += size;
        continue;
      }
      if ((m = /^input (?:float(?:\[\d+\])?|angle(?:\[\d+\])?) ([A-Za-z_]\w*)$/.exec(stmt))) {
        inputs.push(m[1]!);
        continue;
      }
      if (/^(barrier|delay)\b/.test(stmt)) continue;
      if ((m = /^(.+?) = measure (.+)$/.exec(stmt))) {
        ops.push({ name: 'measure', qubits: [qubit(m[2]!)], params: [], clbit: clbit(m[1]!) });
        continue;
      }
      if ((m = /^measure (.+?) -> (.+)$/.exec(stmt))) {
        ops.push({ name: 'measure', qubits: [qubit(m[1]!)], params: [], clbit: clbit(m[2]!) });
        continue;
      }
      if ((m = /^([A-Za-z_]\w*) ?(?:\((.*)\))? (.+)$/.exec(stmt))) {
        const params = m[2] === undefined ? [] : splitTopLevel(m[2]);
        ops.push({ name: m[1]!, qubits: m[3]!.split(',').map(qubit), params });
        continue;
      }
      throw new IsaParseError(`cannot parse statement '${stmt.slice(0, 60)}'`);
    }
    return ops;
  };
  const ops = block(0, text.length);
  return { ops, registers, inputs };
}

/** Every qubit an operation touches, bodies included. */
function flatQubits(op: IsaOp): number[] {
  return [...op.qubits, ...(op.body ?? []).flatMap(flatQubits), ...(op.orelse ?? []).flatMap(flatQubits)];
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim());
}

/**
 * Evaluates an angle expression: numbers, `pi`/`π`/`tau`/`euler`, input names, `+ - * / **`
 * and parentheses. @throws {IsaParseError} for anything else or an unbound name
 */
export function evalAngle(src: string, env: Readonly<Record<string, number>>): number {
  const toks = src.match(/\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?|\*\*|[A-Za-z_π][\w]*|[-+*/()^]|\S/g) ?? [];
  let p = 0;
  const peek = (): string | undefined => toks[p];
  const take = (): string => {
    const t = toks[p++];
    if (t === undefined) throw new IsaParseError(`unexpected end of expression '${src}'`);
    return t;
  };
  const primary = (): number => {
    const t = take();
    if (t === '(') {
      const v = sum();
      if (take() !== ')') throw new IsaParseError(`missing ')' in '${src}'`);
      return v;
    }
    if (t === '-') return -power();
    if (t === '+') return power();
    if (/^[\d.]/.test(t)) return Number(t);
    if (t === 'pi' || t === 'π') return Math.PI;
    if (t === 'tau' || t === 'τ') return 2 * Math.PI;
    if (t === 'euler' || t === 'ℇ') return Math.E;
    if (Object.prototype.hasOwnProperty.call(env, t)) return env[t]!;
    throw new IsaParseError(`unbound or unknown name '${t}' in '${src}'`);
  };
  const power = (): number => {
    const b = primary();
    if (peek() === '**' || peek() === '^') {
      take();
      return b ** power();
    }
    return b;
  };
  const product = (): number => {
    let v = power();
    while (peek() === '*' || peek() === '/') v = take() === '*' ? v * power() : v / power();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + product() : v - product();
    return v;
  };
  const v = sum();
  if (p !== toks.length) throw new IsaParseError(`unexpected '${toks[p]}' in '${src}'`);
  return v;
}
