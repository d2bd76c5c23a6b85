import { checkModelFile, readModelFile, type LoadKernelOptions } from './model-file';
import { PegasosQSVC } from './pegasos';
import { QSVC } from './qsvc';
import { QSVR } from './qsvr';
import type { ClassLabel } from './svm-core';

/** Any model a qbridge model file can hold. */
export type LoadedModel =
  | { kind: 'QSVC'; model: QSVC<ClassLabel> }
  | { kind: 'QSVR'; model: QSVR }
  | { kind: 'PegasosQSVC'; model: PegasosQSVC<ClassLabel> };

/**
 * Reads a model file of any kind (the `kind` field says which) and rebuilds the model;
 * `kernel` chooses where its kernel runs (default: exact, in-process).
 *
 * @example
 * const { kind, model } = await loadModel('model.json');
 * if (kind !== 'QSVR') console.log(model.classes, await model.predict([[0.1, 0.2]]));
 * @throws {@link InputValidationError} naming the field of a bad or foreign file
 */
export async function loadModel(path: string, kernel: LoadKernelOptions = {}): Promise<LoadedModel> {
  const v = await readModelFile(path);
  const { kind } = checkModelFile(v, path);
  if (kind === 'QSVC') return { kind, model: QSVC.fromModelFile(v, path, kernel) };
  if (kind === 'QSVR') return { kind, model: QSVR.fromModelFile(v, path, kernel) };
  return { kind, model: PegasosQSVC.fromModelFile(v, path, kernel) };
}
