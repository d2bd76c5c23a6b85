/**
 * Observables as the primitives, the transpiler and the backends exchange them.
 */

/** A sparse Pauli sum: `[["ZZ", 1.0], ["XI", 0.5]]` (rightmost letter = qubit 0). */
export type PauliSum = ReadonlyArray<readonly [string, number]>;
