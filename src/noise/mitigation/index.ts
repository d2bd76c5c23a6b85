/**
 * Readout mitigation: tensored assignment matrices (from a device's calibration, measured with
 * calibration circuits, or given) and M3's subspace solve for counts and kernel entries.
 */
export {
  assignmentFromCalibration,
  assignmentOf,
  tensoredAssignment,
  type AssignmentSource,
  type QubitAssignment,
  type QubitAssignmentMatrix,
  type TensoredAssignment,
} from './assignment';
export { calibrationCircuit, measureAssignment, type MeasureAssignmentOptions } from './measure-assignment';
export {
  DIRECT_SOLVE_LIMIT,
  nearestProbabilities,
  reducedAssignmentMatrix,
  type ReducedAssignmentMatrix,
  solveM3,
  type M3SolveOptions,
  type QuasiDistribution,
} from './m3-solve';
export { measuredQubits, mitigateCounts, type MitigateCountsOptions, type MitigatedCounts } from './counts';
