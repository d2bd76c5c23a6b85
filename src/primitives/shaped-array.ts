/**
 * The N-dimensional arrays of numbers that primitive results hold (an Estimator PUB's `evs` and
 * `stds`), in place of the numpy arrays Qiskit returns.
 */
import { InputValidationError } from '../core/errors';
import { formatShape, shapeSize, type Shape } from './shape';

/** Nested arrays of numbers as {@link ShapedArray.toArray} returns them: a number for shape `[]`. */
export type NestedNumbers = number | NestedNumbers[];

/**
 * A read-only N-d array of numbers, the counterpart of the numpy array in Qiskit's results:
 * `shape` as numpy's (`[]` for a single value, `[3, 6]` for 3 × 6), values in row-major order
 * (last axis fastest).
 *
 * Read one element with `get(i, j)` (negative indices count from the end, as in numpy), a single
 * value with `item()`, everything as nested arrays with `toArray()` (numpy's `tolist()`; also what
 * `JSON.stringify` writes) or flat with `toFloat64Array()`. Instances never change: the readers
 * return fresh copies.
 *
 * @example
 * const { evs } = result[0].data; // observables (3, 1) against parameter values (6,)
 * evs.shape;      // [3, 6]
 * evs.get(2, 5);  // the third observable at the sixth parameter set
 * evs.toArray();  // number[][], 3 rows of 6
 */
export class ShapedArray {
  /** Axis lengths, outermost first (frozen). */
  readonly shape: Shape;
  readonly #values: Float64Array;

  /**
   * An array of `shape` holding a copy of `values`.
   *
   * @param shape - axis lengths, each an integer ≥ 0
   * @param values - `shapeSize(shape)` values in row-major order (copied)
   * @throws {InputValidationError} when the shape is invalid or the number of values does not match it
   */
  constructor(shape: Shape, values: ArrayLike<number>) {
    if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new InputValidationError(`a ShapedArray's shape must be a list of integers ≥ 0, got ${JSON.stringify(shape)}`);
    }
    if (values.length !== shapeSize(shape)) {
      throw new InputValidationError(`a ShapedArray of shape ${formatShape(shape)} needs ${shapeSize(shape)} values, got ${values.length}`);
    }
    this.shape = Object.freeze([...shape]);
    this.#values = Float64Array.from(values);
  }

  /** Number of axes (0 for a single value). */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return this.#values.length;
  }

  /**
   * The element at `index` (one integer per axis; negative counts from the end).
   * @throws {InputValidationError} for the wrong number of indices or an index out of range
   */
  get(...index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new InputValidationError(`an array of shape ${formatShape(this.shape)} takes ${this.shape.length} indices, got ${index.length}`);
    }
    let flat = 0;
    index.forEach((i, k) => {
      const n = this.shape[k]!;
      if (!Number.isInteger(i) || i < -n || i >= n) {
        throw new InputValidationError(`index ${i} is out of range for axis ${k} of length ${n} (shape ${formatShape(this.shape)})`);
      }
      flat = flat * n + (i < 0 ? i + n : i);
    });
    return this.#values[flat]!;
  }

  /**
   * The one value of an array of size 1 (numpy's `item()`), e.g. a PUB with one observable and
   * no parameters.
   * @throws {InputValidationError} when the array holds more or fewer than one value
   */
  item(): number {
    if (this.#values.length !== 1) {
      throw new InputValidationError(`item() needs an array of size 1, this one has shape ${formatShape(this.shape)}`);
    }
    return this.#values[0]!;
  }

  /** The values as nested arrays, outermost axis first (a number for shape `[]`): numpy's `tolist()`. */
  toArray(): NestedNumbers {
    const build = (axis: number, offset: number): NestedNumbers => {
      if (axis === this.shape.length) return this.#values[offset]!;
      const inner = shapeSize(this.shape.slice(axis + 1));
      return Array.from({ length: this.shape[axis]! }, (_, i) => build(axis + 1, offset + i * inner));
    };
    return build(0, 0);
  }

  /** A copy of the values in row-major order. */
  toFloat64Array(): Float64Array {
    return this.#values.slice();
  }

  /** `JSON.stringify` writes the nested arrays ({@link toArray}). */
  toJSON(): NestedNumbers {
    return this.toArray();
  }
}
