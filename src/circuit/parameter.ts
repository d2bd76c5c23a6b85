import { CircuitValidationError } from '../core/errors';

/**
 * Symbolic parameters: named parameters, parameter vectors and arithmetic expressions over them
 * (`+ - * /`, unary minus), bound later to numbers. Enough for feature maps, whose angles are
 * products such as `2·(π − x[0])·(π − x[1])`.
 */

/** The expression tree. Leaves are numbers or parameter names. */
export type ExprNode =
  | {
      /** A numeric constant leaf. */
      readonly op: 'const';
      /** The constant. */
      readonly value: number;
    }
  | {
      /** A parameter leaf. */
      readonly op: 'param';
      /** The parameter's name, e.g. `theta` or `x[0]`; binding looks values up by it. */
      readonly name: string;
    }
  | {
      /** Unary minus. */
      readonly op: 'neg';
      /** The negated operand. */
      readonly a: ExprNode;
    }
  | {
      /** A binary operation: `a + b`, `a - b`, `a * b` or `a / b`. */
      readonly op: 'add' | 'sub' | 'mul' | 'div';
      /** The left operand. */
      readonly a: ExprNode;
      /** The right operand. */
      readonly b: ExprNode;
    };

/** A number or an expression: what a gate parameter can be. */
export type Angle = number | ParameterExpression;

/** Values to bind, by parameter name. */
export type ParameterBindings = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

function lookup(bindings: ParameterBindings, name: string): number | undefined {
  return bindings instanceof Map ? bindings.get(name) : (bindings as Record<string, number>)[name];
}

const toNode = (x: Angle): ExprNode =>
  typeof x === 'number' ? { op: 'const', value: x } : x.node;

/** An immutable arithmetic expression over parameters. */
export class ParameterExpression {
  /**
   * Wraps an expression tree; usually built with {@link Parameter} and the arithmetic methods
   * rather than directly.
   *
   * @param node - the tree, kept as is (not simplified)
   */
  constructor(
    /** The expression tree this wraps (immutable; shared, not copied, by the arithmetic methods). */
    readonly node: ExprNode,
  ) {}

  /**
   * `this + o`, as a new expression (no simplification).
   *
   * @param o - a number or another expression
   */
  add(o: Angle): ParameterExpression {
    return new ParameterExpression({ op: 'add', a: this.node, b: toNode(o) });
  }
  /**
   * `this - o`, as a new expression.
   *
   * @param o - a number or another expression
   */
  sub(o: Angle): ParameterExpression {
    return new ParameterExpression({ op: 'sub', a: this.node, b: toNode(o) });
  }
  /**
   * `this * o`, as a new expression.
   *
   * @param o - a number or another expression
   */
  mul(o: Angle): ParameterExpression {
    return new ParameterExpression({ op: 'mul', a: this.node, b: toNode(o) });
  }
  /**
   * `this / o`, as a new expression (a zero divisor shows up only when the expression is bound).
   *
   * @param o - a number or another expression
   */
  div(o: Angle): ParameterExpression {
    return new ParameterExpression({ op: 'div', a: this.node, b: toNode(o) });
  }
  /** `-this`, as a new expression. */
  neg(): ParameterExpression {
    return new ParameterExpression({ op: 'neg', a: this.node });
  }

  /** Names of the parameters this expression depends on, in first-seen order. */
  parameterNames(): string[] {
    const out = new Set<string>();
    const walk = (n: ExprNode): void => {
      if (n.op === 'param') out.add(n.name);
      else if (n.op === 'neg') walk(n.a);
      else if (n.op !== 'const') {
        walk(n.a);
        walk(n.b);
      }
    };
    walk(this.node);
    return [...out];
  }

  /**
   * Substitutes the bound parameters. Returns a number when nothing is left unbound,
   * otherwise a (partially bound) expression.
   */
  bind(bindings: ParameterBindings): Angle {
    const sub = (n: ExprNode): ExprNode => {
      switch (n.op) {
        case 'const':
          return n;
        case 'param': {
          const v = lookup(bindings, n.name);
          return v === undefined ? n : { op: 'const', value: v };
        }
        case 'neg': {
          const a = sub(n.a);
          return a.op === 'const' ? { op: 'const', value: -a.value } : { op: 'neg', a };
        }
        default: {
          const a = sub(n.a);
          const b = sub(n.b);
          if (a.op === 'const' && b.op === 'const') {
            return { op: 'const', value: applyBinary(n.op, a.value, b.value) };
          }
          return { op: n.op, a, b };
        }
      }
    };
    const r = sub(this.node);
    return r.op === 'const' ? r.value : new ParameterExpression(r);
  }

  /** Evaluates with every parameter bound; throws {@link CircuitValidationError} otherwise. */
  evaluate(bindings: ParameterBindings): number {
    const r = this.bind(bindings);
    if (typeof r !== 'number') {
      throw new CircuitValidationError(
        `unbound parameter(s): ${r.parameterNames().join(', ')}`,
      );
    }
    return r;
  }

  /** Infix text with full parentheses where needed (valid OpenQASM 3 for sanitized names). */
  toString(nameOf: (name: string) => string = (n) => n): string {
    return exprToString(this.node, nameOf, 0);
  }
}

function applyBinary(op: 'add' | 'sub' | 'mul' | 'div', a: number, b: number): number {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
  }
}

/** Precedence: 1 add/sub, 2 mul/div, 3 unary, 4 atoms. */
function exprToString(n: ExprNode, nameOf: (name: string) => string, parent: number): string {
  const wrap = (s: string, prec: number): string => (prec < parent ? `(${s})` : s);
  switch (n.op) {
    case 'const':
      return formatNumber(n.value, parent);
    case 'param':
      return nameOf(n.name);
    case 'neg':
      return wrap(`-${exprToString(n.a, nameOf, 3)}`, 3);
    case 'add':
      return wrap(`${exprToString(n.a, nameOf, 1)} + ${exprToString(n.b, nameOf, 2)}`, 1);
    case 'sub':
      return wrap(`${exprToString(n.a, nameOf, 1)} - ${exprToString(n.b, nameOf, 2)}`, 1);
    case 'mul':
      return wrap(`${exprToString(n.a, nameOf, 2)}*${exprToString(n.b, nameOf, 3)}`, 2);
    case 'div':
      return wrap(`${exprToString(n.a, nameOf, 2)}/${exprToString(n.b, nameOf, 3)}`, 2);
  }
}

/**
 * Shortest text that reads back to the same double (JavaScript's own round-trip form),
 * parenthesised when negative inside a larger expression.
 */
export function formatNumber(v: number, parentPrecedence = 0): string {
  if (!Number.isFinite(v)) {
    throw new CircuitValidationError(`non-finite angle ${v} cannot be written`);
  }
  const s = Object.is(v, -0) ? '-0.0' : String(v);
  return s.startsWith('-') && parentPrecedence > 0 ? `(${s})` : s;
}

function checkParameterName(name: string): string {
  // Letters beyond ASCII are allowed because Qiskit's library names its parameters θ, γ, β
  // (OpenQASM 3 identifiers may start with any Unicode letter too).
  if (!/^[\p{L}_][\p{L}0-9_]*(\[[0-9]+\])?$/u.test(name)) {
    throw new CircuitValidationError(`invalid parameter name '${name}'`);
  }
  return name;
}

/** A named free parameter, e.g. `theta`. Two parameters with the same name are the same. */
export class Parameter extends ParameterExpression {
  /**
   * @param name - an identifier, optionally with an index (`theta`, `x[0]`)
   * @throws {@link CircuitValidationError} for a name that is not a valid identifier
   */
  constructor(
    /** The parameter's name: what bindings and OpenQASM `input` declarations refer to. */
    readonly name: string,
  ) {
    super({ op: 'param', name: checkParameterName(name) });
  }
}

/**
 * A vector of parameters `name[0] … name[length-1]` (Qiskit's `ParameterVector`).
 * Elements are ordinary {@link Parameter}s named `name[i]`.
 */
export class ParameterVector {
  /** The parameters `name[0] … name[length-1]`, in index order. */
  readonly elements: readonly Parameter[];
  /**
   * @param name - the vector's name; element `i` is the parameter `name[i]`
   * @param length - number of elements (integer ≥ 0)
   * @throws {@link CircuitValidationError} for a negative or fractional length
   */
  constructor(
    /** The vector's name, the prefix of its elements' names. */
    readonly name: string,
    /** The number of elements. */
    readonly length: number,
  ) {
    if (!Number.isInteger(length) || length < 0) {
      throw new CircuitValidationError(`invalid parameter vector length ${length}`);
    }
    this.elements = Array.from({ length }, (_, i) => new Parameter(`${name}[${i}]`));
  }
  /** Element `i`. */
  get(i: number): Parameter {
    const p = this.elements[i];
    if (!p) throw new CircuitValidationError(`index ${i} out of range for ${this.name}`);
    return p;
  }
}

/** Angle helpers usable on numbers and expressions alike. */
export const angle = {
  neg: (a: Angle): Angle => (typeof a === 'number' ? -a : a.neg()),
  add: (a: Angle, b: Angle): Angle =>
    typeof a === 'number' && typeof b === 'number'
      ? a + b
      : typeof a === 'number'
        ? new ParameterExpression({ op: 'const', value: a }).add(b)
        : a.add(b),
  isBound: (a: Angle): a is number => typeof a === 'number',
  bind: (a: Angle, b: ParameterBindings): Angle => (typeof a === 'number' ? a : a.bind(b)),
  names: (a: Angle): string[] => (typeof a === 'number' ? [] : a.parameterNames()),
};

/**
 * Sorts parameter names as Qiskit orders `circuit.parameters`: alphabetically, except that
 * vector elements `x[2]` < `x[10]` compare by index.
 */
export function compareParameterNames(a: string, b: string): number {
  const ma = /^(.*)\[(\d+)\]$/.exec(a);
  const mb = /^(.*)\[(\d+)\]$/.exec(b);
  if (ma && mb && ma[1] === mb[1]) return Number(ma[2]) - Number(mb[2]);
  const ka = ma ? ma[1]! : a;
  const kb = mb ? mb[1]! : b;
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
