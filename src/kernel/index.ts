/** Quantum kernels: Pauli feature maps, the memoized fidelity kernel, the ad hoc dataset, QSVC. */
export * from './entanglement';
export * from './feature-map';
export { toFeatureMatrix, type FeatureInput, type FeatureMatrix } from './inputs';
export * from './kernel-matrix';
export * from './cache';
export * from './quantum-kernel';
export { makePsd } from './psd';
export { planJobs } from './sampled';
export { KERNEL_TAG_PREFIX, chunkTag, kernelRunKey, parseChunkTag, type ResumeOptions, type RunKeyInput } from './resume';
export * from './learn/qsvc';
export { QSVR, rSquared, type QsvrOptions, type QsvrFile } from './learn/qsvr';
export { PegasosQSVC, type PegasosOptions, type PegasosFile } from './learn/pegasos';
export { loadModel, type LoadedModel } from './learn/load-model';
export { MODEL_FORMAT, MODEL_VERSION, type ModelKind, type LoadKernelOptions, type FeatureMapJson, type ModelFileBase } from './learn/model-file';
export type { ClassLabel, Machine, PairMachine } from './learn/svm-core';
export { adHocData, type AdHocData, type AdHocOptions } from './learn/datasets/ad-hoc';
export * as adHocStages from './learn/datasets/ad-hoc';
export { parseFeatureCsv, readFeatureCsv, parseFeatureCsvPair, readFeatureCsvPair, type FeatureTable, type ColumnSelection, type PairNames, type FeatureTablePair } from './learn/csv';
