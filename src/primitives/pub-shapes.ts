/**
 * The shapes of PUB inputs, read the way Qiskit's `BindingsArray` and `ObservablesArray` read
 * theirs, and their flattening into what backends take: parameter *rows* (one per binding, in
 * row-major order) and a *list* of observables. Backends then answer per row × per observable;
 * the front-ends put the answers back into the PUB's shape (see `containers.ts`).
 */
import { InputValidationError } from '../core/errors';
import type { ObservableLike, ObservablesLike } from '../quantum-info/observables';
import { formatShape, type Shape } from './shape';
import type { ParameterRows } from './types';

/**
 * Parameter values of any dimension, as Qiskit's `BindingsArrayLike` array form: the last axis
 * runs over the circuit's parameters (in `circuit.parameters` order) and the axes before it form
 * the PUB's shape. `[0.1, 0.2]` binds a two-parameter circuit once (shape `[]`); rows
 * `[[0.1, 0.2], [0.3, 0.4]]` give shape `[2]`; a `4 × 3 × 2` nesting gives shape `[4, 3]`.
 */
export type ParameterValuesLike = ParameterRows | readonly number[] | NestedValues;

/** Nested arrays of parameter values, three levels or more. */
export type NestedValues = ReadonlyArray<ParameterRows | NestedValues>;

/** Parameter values flattened for a backend. */
export interface FlatParameterValues {
  /** One row per binding, row-major over `shape`; `undefined` when no values were given. */
  readonly rows: ParameterRows | undefined;
  /** The PUB's parameter shape (Qiskit's `BindingsArray.shape`). */
  readonly shape: Shape;
}

/**
 * Reads parameter values of any dimension (see {@link ParameterValuesLike}). Without values the
 * shape is `[]` (the circuit is bound once, or validation reports its unbound parameters). The
 * values themselves (row widths, finite numbers) are checked by the request validation.
 *
 * @param where - prefixes errors (e.g. `PUB 0`)
 * @throws {InputValidationError} for a non-array or nested arrays of unequal lengths
 */
export function flattenParameterValues(values: ParameterValuesLike | undefined, where: string): FlatParameterValues {
  if (values === undefined) return { rows: undefined, shape: [] };
  if (!Array.isArray(values)) throw new InputValidationError(`${where}: parameterValues must be an array (the last axis over the circuit's parameters)`);
  // No rows at all: passed on for the request validation to refuse, as it always has.
  if (values.length === 0) return { rows: values as ParameterRows, shape: [0] };
  // One level binds once; two are rows as given (validation names a bad row or value); deeper
  // nestings must be rectangular and flatten into rows.
  let depth = 0;
  for (let x: unknown = values; Array.isArray(x); x = x[0]) depth++;
  if (depth === 1) return { rows: [values as readonly number[]], shape: [] };
  if (depth === 2) return { rows: values as ParameterRows, shape: [values.length] };
  const full = nestedShape(values, where, 'parameter values', (x) => !Array.isArray(x));
  const rows: Array<readonly number[]> = [];
  const walk = (x: unknown, depth: number): void => {
    if (depth === full.length - 1) rows.push(x as readonly number[]);
    else for (const y of x as readonly unknown[]) walk(y, depth + 1);
  };
  walk(values, 0);
  return { rows, shape: full.slice(0, -1) };
}

/** Observables flattened for a backend. */
export interface FlatObservables {
  /** The observables in row-major order over `shape` (one observable when `shape` is `[]`). */
  readonly observables: ObservablesLike;
  /** The PUB's observables shape (Qiskit's `ObservablesArray.shape`). */
  readonly shape: Shape;
}

/**
 * Reads observables of any dimension as Qiskit's `ObservablesArray` does: one observable
 * (`'ZZ'`, a `SparsePauliOp`, a `{ ZZ: 1 }` mapping, a `[[label, coeff], …]` sum) has shape `[]`,
 * a list of them shape `[n]`, and nested lists (`[['ZZ'], ['XX'], ['YY']]`, shape `[3, 1]`) one
 * axis per level. The observables themselves are checked by the request validation.
 *
 * @param where - prefixes errors (e.g. `PUB 0`)
 * @throws {InputValidationError} for an empty list or nested lists of unequal lengths
 */
export function flattenObservables(input: ObservablesLike | NestedObservables, where: string): FlatObservables {
  if (isOneObservable(input)) return { observables: input as ObservableLike, shape: [] };
  // An empty list: passed on for the observables' own coercion to refuse with its message.
  if ((input as readonly unknown[]).length === 0) return { observables: input as ObservablesLike, shape: [0] };
  const shape = nestedShape(input, where, 'observables', isOneObservable);
  const flat: ObservableLike[] = [];
  const walk = (x: unknown): void => {
    if (isOneObservable(x)) flat.push(x as ObservableLike);
    else for (const y of x as readonly unknown[]) walk(y);
  };
  walk(input);
  return { observables: flat, shape };
}

/** Nested lists of observables, one axis per level. */
export type NestedObservables = ReadonlyArray<ObservableLike | NestedObservables>;

/**
 * True for one observable, false for a list of them. A `[label, coefficient]` sum is an array
 * too: it is one observable when its first entry is a term (a label and a non-label), which
 * tells `[['ZZ', 1], ['XX', 0.5]]` (one sum) from `[['ZZ', 'XX']]` (a 1 × 2 array of labels).
 */
function isOneObservable(x: unknown): boolean {
  if (!Array.isArray(x)) return true;
  const first: unknown = x[0];
  return Array.isArray(first) && first.length === 2 && typeof first[0] === 'string' && typeof first[1] !== 'string';
}

/**
 * The shape of nested arrays whose elements satisfy `isLeaf`: one axis per level, every list of
 * a level the same length (numpy refuses ragged arrays too).
 * @throws {InputValidationError} naming the first list whose length or depth differs, or an empty list of observables
 */
function nestedShape(x: unknown, where: string, what: string, isLeaf: (x: unknown) => boolean): number[] {
  const shapeOf = (y: unknown, at: number[]): number[] => {
    if (isLeaf(y)) return [];
    const list = y as readonly unknown[];
    if (list.length === 0) {
      if (what === 'observables') throw new InputValidationError(`${where}: observables must be a non-empty list at every level; the list at [${at.join(', ')}] is empty`);
      return [0];
    }
    const first = shapeOf(list[0], [...at, 0]);
    list.forEach((z, i) => {
      if (i === 0) return;
      const s = shapeOf(z, [...at, i]);
      if (s.length !== first.length || s.some((d, k) => d !== first[k])) {
        throw new InputValidationError(
          `${where}: the ${what} are ragged: the entry at [${[...at, i].join(', ')}] has shape ${formatShape(s)} but the one at [${[...at, 0].join(', ')}] has ${formatShape(first)}`,
        );
      }
    });
    return [list.length, ...first];
  };
  return shapeOf(x, []);
}
