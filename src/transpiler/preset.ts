import type { Circuit } from '../circuit/circuit';
import { CircuitValidationError } from '../core/errors';
import type { Target } from '../core/target';
import type { LayoutMethod } from './layout';
import { PassManager, runPasses, type PassLike } from './pass-manager';
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
 * `append(pass)` adds custom passes that run after the stages, on the ISA circuit (they must
 * keep qubits where they are: the reported layout is the stages').
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
  /** Custom passes run after the stages, in order. */
  readonly customPasses: readonly PassLike[];
  /**
   * A new pass manager with `passes` added after the stages (and after earlier custom passes);
   * this one is unchanged (it is immutable, so one can be shared between callers).
   */
  append(passes: PassLike | readonly PassLike[]): PresetPassManager;
}

/**
 * A preset pass manager (see the module comment).
 *
 * @throws {CircuitValidationError} without a target or backend, or for a level outside 0–3
 */
export function generatePresetPassManager(options: PresetPassManagerOptions): PresetPassManager;
/** Qiskit's positional form `generate_preset_pass_manager(optimization_level, backend)`. */
export function generatePresetPassManager(
  optimizationLevel: 0 | 1 | 2 | 3,
  backendOrTarget: Target | { readonly target: Target },
  options?: Omit<PresetPassManagerOptions, 'optimizationLevel' | 'backend' | 'target'>,
): PresetPassManager;
export function generatePresetPassManager(
  first: PresetPassManagerOptions | number,
  backendOrTarget?: Target | { readonly target: Target },
  rest: Omit<PresetPassManagerOptions, 'optimizationLevel' | 'backend' | 'target'> = {},
): PresetPassManager {
  if (typeof first === 'number') {
    const b = backendOrTarget as (Target & { target?: undefined }) | { readonly target: Target } | undefined;
    const target = b && 'target' in b && b.target ? b.target : (b as Target | undefined);
    return presetPassManager({ ...rest, optimizationLevel: first as 0 | 1 | 2 | 3, target }, []);
  }
  return presetPassManager(first, []);
}

function presetPassManager(options: PresetPassManagerOptions, custom: readonly PassLike[]): PresetPassManager {
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
  const runWithLayout = (circuit: Circuit): TranspileResult => {
    const result = transpile(circuit, target, settings);
    return custom.length ? { ...result, circuit: runPasses(custom, result.circuit) } : result;
  };
  function run(circuit: Circuit): Circuit;
  function run(circuits: readonly Circuit[]): Circuit[];
  function run(c: Circuit | readonly Circuit[]): Circuit | Circuit[] {
    return Array.isArray(c) ? c.map((x: Circuit) => runWithLayout(x).circuit) : runWithLayout(c as Circuit).circuit;
  }
  const customPasses = Object.freeze([...custom]);
  const append = (passes: PassLike | readonly PassLike[]): PresetPassManager => {
    const more = new PassManager(passes); // validates each pass
    return presetPassManager(options, [...custom, ...more.passList()]);
  };
  return Object.freeze({ optimizationLevel: level, target, stages: PRESET_STAGES, run, runWithLayout, customPasses, append });
}
