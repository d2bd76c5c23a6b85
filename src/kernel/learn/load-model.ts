import { checkModelFile, readModelFile, type FeatureScalingJson, type LoadKernelOptions } from './model-file';
import { PegasosQSVC } from './pegasos';
import { QSVC } from './qsvc';
import { QSVR } from './qsvr';
import type { ClassLabel } from './svm-core';

/** Any model a qbridge model file can hold. */
export type LoadedModel = (
  | {
      /** The file's `kind`. */
      kind: 'QSVC';
      /** The rebuilt model. */
      model: QSVC<ClassLabel>;
    }
  | {
      /** The file's `kind`. */
      kind: 'QSVR';
      /** The rebuilt model. */
      model: QSVR;
    }
  | {
      /** The file's `kind`. */
      kind: 'PegasosQSVC';
      /** The rebuilt model. */
      model: PegasosQSVC<ClassLabel>;
    }
) & {
  /** The feature column names the file records (models saved by `qbridge qsvc --save` from CSV). */
  featureColumns?: string[];
  /** The feature scaling the model was trained after (`qbridge qsvc --scale`): apply it to new points first. */
  featureScaling?: FeatureScalingJson;
};

/**
 * Reads a model file of any kind (the `kind` field says which) and rebuilds the model;
 * `kernel` chooses where its kernel runs (default: exact, in-process); `name` is how messages
 * refer to the file (default: the path).
 *
 * @example
 * const { kind, model } = await loadModel('model.json');
 * if (kind !== 'QSVR') console.log(model.classes, await model.predict([[0.1, 0.2]]));
 * @throws {@link InputValidationError} naming the field of a bad or foreign file
 */
export async function loadModel(path: string, kernel: LoadKernelOptions = {}, name = path): Promise<LoadedModel> {
  const v = await readModelFile(path, name);
  const { kind, featureColumns, featureScaling } = checkModelFile(v, name);
  const cols = { ...(featureColumns ? { featureColumns } : {}), ...(featureScaling ? { featureScaling } : {}) };
  if (kind === 'QSVC') return { kind, model: QSVC.fromModelFile(v, name, kernel), ...cols };
  if (kind === 'QSVR') return { kind, model: QSVR.fromModelFile(v, name, kernel), ...cols };
  return { kind, model: PegasosQSVC.fromModelFile(v, name, kernel), ...cols };
}
