/**
 * Kernel training: feature maps with trainable parameters, the trainable fidelity kernel with
 * parameter-shift gradients, alignment and SVC losses, SPSA / Adam / COBYLA and the trainer.
 */
export { TrainableFeatureMap, trainableRotationFeatureMap, SHIFT_RULE_GATES, type TrainableFeatureMapOptions, type TrainableOccurrence, type TrainableRotationOptions } from './trainable-map';
export { TrainableFidelityKernel, MAX_TRAINABLE_AMPLITUDES, type TrainableKernelCounters, type KernelGradient } from './trainable-kernel';
export {
  alignmentLoss,
  centeredAlignmentLoss,
  svcLoss,
  signedLabels,
  ALIGNMENT_LOSSES,
  KERNEL_LOSSES,
  type KernelLoss,
  type KernelLossName,
  type LossWithGradient,
  type SvcLossOptions,
} from './losses';
export { PrecomputedSvc, parseDualCoefficients, type PrecomputedSvcOptions } from './svc';
export { spsa, adam, cobyla, type SpsaOptions, type AdamOptions, type CobylaOptions, type Objective, type OptimizerResult, type LossPoint, type ValueAndGradient, type SpsaGains, type RunControl } from './optimizers';
export { KernelTrainer, kernelLoss, KERNEL_OPTIMIZERS, type KernelOptimizerName, type KernelTrainerOptions, type KernelTrainingResult } from './trainer';
