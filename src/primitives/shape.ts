/**
 * Shapes of primitive inputs and results, with numpy's broadcasting rules (the rules Qiskit's
 * EstimatorPub applies between its observables array and its bindings array).
 *
 * A shape is a list of non-negative axis lengths, outermost first; `[]` is the shape of a single
 * value (numpy's 0-d). Elements are laid out in row-major (C) order: the last axis varies fastest.
 */
import { InputValidationError } from '../core/errors';

/** Axis lengths, outermost first; `[]` for a single value. */
export type Shape = readonly number[];

/** Number of elements of an array of `shape` (1 for `[]`). */
export function shapeSize(shape: Shape): number {
  return shape.reduce((n, d) => n * d, 1);
}

/**
 * A shape as Python prints a tuple: `()`, `(3,)`, `(3, 6)`. Error messages use it so that they
 * read like Qiskit's for the same input.
 */
export function formatShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * The broadcast of two shapes by numpy's rules: align them on the right, pad the shorter with
 * 1s, and on every axis the lengths must be equal or one of them 1 (which stretches).
 *
 * @param what - names the operands in the error, e.g. `['observables', 'parameter values']`
 * @param where - prefixes the error (e.g. `PUB 2`)
 * @throws {InputValidationError} naming both shapes when they do not broadcast
 */
export function broadcastShapes(a: Shape, b: Shape, what: readonly [string, string] = ['first', 'second'], where = ''): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let k = 1; k <= n; k++) {
    const x = a.length - k >= 0 ? a[a.length - k]! : 1;
    const y = b.length - k >= 0 ? b[b.length - k]! : 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new InputValidationError(
        `${where ? `${where}: ` : ''}the ${what[0]} shape ${formatShape(a)} and the ${what[1]} shape ${formatShape(b)} are not broadcastable ` +
          '(right-aligned, each axis must have equal lengths or a length of 1)',
      );
    }
    out[n - k] = x === 1 ? y : x;
  }
  return out;
}

/**
 * For every element of an array of shape `to` (row-major order), the flat index of the element
 * of an array of shape `from` that broadcasting maps onto it. `from` must broadcast to `to`
 * (as {@link broadcastShapes} returned it): an axis of length 1, or a missing leading axis,
 * repeats its one element.
 */
export function broadcastSourceIndices(from: Shape, to: Shape): Int32Array {
  const size = shapeSize(to);
  const out = new Int32Array(size);
  const offset = to.length - from.length;
  // Row-major strides of `from`, 0 on stretched axes, aligned with the axes of `to`.
  const strides = new Array<number>(to.length).fill(0);
  let stride = 1;
  for (let k = from.length - 1; k >= 0; k--) {
    strides[k + offset] = from[k] === 1 ? 0 : stride;
    stride *= from[k]!;
  }
  const index = new Array<number>(to.length).fill(0);
  let source = 0;
  for (let i = 0; i < size; i++) {
    out[i] = source;
    // Advance the multi-index like an odometer, last axis fastest.
    for (let k = to.length - 1; k >= 0; k--) {
      index[k]!++;
      source += strides[k]!;
      if (index[k]! < to[k]!) break;
      source -= strides[k]! * index[k]!;
      index[k] = 0;
    }
  }
  return out;
}
