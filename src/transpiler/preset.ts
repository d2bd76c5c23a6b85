import type { Circuit } from '../circuit/circuit';
import { CircuitValidationError } from '../core/errors';
import type { Target } from '../core/target';
import type { LayoutMethod } from './layout';
import { transpile, type TranspileResult } from './transpile';

/**
 * Qiskit's `generate_preset_pass_manager`: a pass manager for one target and optimisation
 * level, whose `run(circuit)` returns the ISA circuit. The stages carry Qiskit's names; what
 * each one does here:
 *
 * - `init`: SWAP gates become wire relabelling (level ≥ 1), CX·P·CX becomes one RZZ block
 *   (level ≥ 1), multi-qubit gates unroll to CX, and at levels 2–3 runs of gates on one pair are
 *   resynthesised by the KAK decomposer (≤ 3 CX per block);
 * - `layout`: trivial (level 0), dense or noise-aware (levels 1–3), with a perfect layout when
 *   one exists and SABRE forward–backward refinement;
 * - `routing`: SABRE SWAP insertion, the best of several seeded trials (1, 8, 16, 32 by level);
 *   at levels 2–3 a SWAP next to a gate on the same pair is favoured (it joins that block);
 * - `translation`: SWAPs to CX, two-qubit blocks resynthesised again (levels 2–3), CX to the
 *   target's entangler (cz, ecr or cx on listed directions), one-qubit gates to rz/sx/x;
 * - `optimization`: (level ≥ 1) one-qubit runs merged, inverse entangler pairs cancelled;
 * - `scheduling`: nothing (IBM's primitives schedule on the server).
 *
 * Level 1 is exactly {@link transpile}'s default; as in Qiskit, the default level is 2.
 */

/** Qiskit's preset stage names, in run order. */
export const PRESET_STAGES = Object.freeze(['init', 'layout', 'routing', 'translation', 'optimization', 'scheduling'] as const);

/** A preset stage name. */
export type PresetStage = (typeof PRESET_STAGES)[number];

/** Options of {@link generatePresetPassManager}: a target or a backend that has one. */
export interface PresetPassManagerOptions {
  /** 0–3 as in Qiskit (default 2). */
  optimizationLevel?: 0 | 1 | 2 | 3;
  /** Anything with a `target` (a qbridge backend); `target` wins when both are given. */
  backend?: {
    /** What the backend can run. */
    readonly target: Target;
  };
  /** The target to compile for. */
  target?: Target;
  /** Seed of the layout and routing trials (Qiskit's `seed_transpiler`; default 0). */
  seed?: number;
  /** Physical qubit for each circuit qubit. */
  initialLayout?: readonly number[];
  /** Override the layout method the level chooses. */
  layoutMethod?: LayoutMethod;
}

/** What {@link generatePresetPassManager} returns: immutable, reusable for many circuits. */
export interface PresetPassManager {
  /** The optimisation level. */
  readonly optimizationLevel: 0 | 1 | 2 | 3;
  /** The target the circuits are compiled for. */
  readonly target: Target;
  /** Stage names in run order (Qiskit's). */
  readonly stages: readonly PresetStage[];
  /** The ISA circuit of `circuit` (Qiskit's `pm.run(circuit)`). */
  run(circuit: Circuit): Circuit;
  /** The ISA circuits of several circuits, in order. */
  run(circuits: readonly Circuit[]): Circuit[];
  /** The ISA circuit with its initial and final layouts and gate counts. */
  runWithLayout(circuit: Circuit): TranspileResult;
}

/**
 * A preset pass manager (see the module comment).
 *
 * @throws {CircuitValidationError} without a target or backend, or for a level outside 0–3
 */
export function generatePresetPassManager(options: PresetPassManagerOptions): PresetPassManager {
  const level = options?.optimizationLevel ?? 2;
  if (!([0, 1, 2, 3] as unknown[]).includes(level)) throw new CircuitValidationError(`optimizationLevel must be 0, 1, 2 or 3, got ${String(level)}`);
  const target = options.target ?? options.backend?.target;
  if (!target) throw new CircuitValidationError('generatePresetPassManager needs a target or a backend with one');
  const settings = Object.freeze({
    optimizationLevel: level,
    seed: options.seed ?? 0,
    initialLayout: options.initialLayout ? Object.freeze([...options.initialLayout]) : undefined,
    layoutMethod: options.layoutMethod,
    consolidateBlocks: level >= 2,
  });
  const runWithLayout = (circuit: Circuit): TranspileResult => transpile(circuit, target, settings);
  function run(circuit: Circuit): Circuit;
  function run(circuits: readonly Circuit[]): Circuit[];
  function run(c: Circuit | readonly Circuit[]): Circuit | Circuit[] {
    return Array.isArray(c) ? c.map((x: Circuit) => runWithLayout(x).circuit) : runWithLayout(c as Circuit).circuit;
  }
  return Object.freeze({ optimizationLevel: level, target, stages: PRESET_STAGES, run, runWithLayout });
}
