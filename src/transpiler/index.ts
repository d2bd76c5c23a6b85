/**
 * The transpiler: turns any qbridge circuit into an ISA circuit for a {@link Target}
 * (native gates on physical qubits, two-qubit gates on directed coupling edges).
 *
 * Pipeline (one module per pass; `transpile.ts` runs them in order):
 * 1. `unroll`       multi-qubit gates → CX + one-qubit gates (exact, phase tracked)
 * 2. `layout`       initial virtual → physical placement (trivial / dense / noise-aware)
 * 3. `routing`      SABRE swap insertion, several seeded trials, best by SWAP count
 * 4. `native-2q`    CX/SWAP → the target's entangler (cz, ecr or cx) on listed directions
 * 5. `basis-1q`     one-qubit gates → rz, sx, x (ZSX Euler form; symbolic angles stay symbolic)
 * 6. `optimize`     (level ≥ 1) merge one-qubit runs, cancel inverse pairs, commute rz
 * With `consolidateBlocks`, `consolidate` (runs of gates on one qubit pair → one 4×4 unitary →
 * ≤ 3 CX by the KAK synthesis of `weyl.ts` and `synthesis-2q.ts`) runs before routing and again
 * after it, and the router favours SWAPs that join a block. `preset.ts` wraps all of this in
 * Qiskit's preset stages ({@link generatePresetPassManager}, levels 2–3 consolidate).
 */
export { checkIsa, isIsa, findIsaViolation, IsaValidationError, NON_ISA_MESSAGE, type IsaViolation } from './isa';
export type { LayoutMethod } from './layout';
export { applyLayoutToObservable } from './observable-layout';
export { scheduleIdleDelays, type ScheduleOptions, type ScheduledCircuit } from './schedule';
export { transpile, nativeEntangler, type TranspileOptions, type TranspileLayout, type TranspileStats, type TranspileResult } from './transpile';
export {
  generatePresetPassManager,
  PRESET_STAGES,
  type PresetPassManager,
  type PresetPassManagerOptions,
  type PresetStage,
} from './preset';
export { PassManager, type CircuitPass, type PassLike } from './pass-manager';
export { weylDecomposition, type WeylDecomposition } from './weyl';
export { synthesizeTwoQubit, type TwoQubitSynthesis, type TwoQubitSynthesisOptions } from './synthesis-2q';
