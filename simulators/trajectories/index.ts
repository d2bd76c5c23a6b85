/**
 * Quantum trajectories on the statevector engine: noisy circuits on the qubits they touch, each
 * Kraus channel unravelled with the seeded PRNG and shots grouped so that identical
 * trajectories are simulated once. The second noisy method next to the exact density matrix,
 * for circuits past its 13-qubit limit.
 */
export { sampleTrajectoryCounts, type TrajectoryCounts, type TrajectoryCountsOptions } from './counts';
export { trajectoryExpectations, type TrajectoryExpectationOptions, type TrajectoryExpectations } from './expectations';
