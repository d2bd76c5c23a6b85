import type { Backend } from '../../../src/backend';
import { Circuit } from '../../../src/circuit/circuit';
import { CircuitValidationError, InputValidationError } from '../../../src/core/errors';
import { createTarget } from '../../../src/core/target';
import { Estimator } from '../../../src/primitives/estimator';
import { Sampler } from '../../../src/primitives/sampler';
import type { PrimitiveRequest } from '../../../src/primitives/types';
import {
  estimatorPubsOf,
  samplerPubsOf,
  validatedEstimatorRequest,
  validatedSamplerRequest,
} from '../../../src/primitives/validate';
import { createLocalBackend } from '../../../simulators/local';

const target = createTarget({ numQubits: 2, basisGates: ['h', 'cx', 'x'], maxShots: 1000 });
const bell = (): Circuit => new Circuit(2).h(0).cx(0, 1).measureAll();

describe('PUB validation happens once per call', () => {
  it('a validated request is frozen and carries its validated PUBs for the same target', () => {
    const request = validatedSamplerRequest({ kind: 'sampler', pubs: [{ circuit: bell() }], shots: 10 }, target);
    expect(Object.isFrozen(request)).toBe(true);
    expect(Object.isFrozen(request.pubs)).toBe(true);
    expect(Object.isFrozen(request.pubs[0])).toBe(true);
    const first = samplerPubsOf(request, target);
    expect(samplerPubsOf(request, target)).toBe(first); // no second validation pass
    expect(first.map((p) => p.shots)).toEqual([10]);
  });

  it('anything else is validated, with the same typed errors', () => {
    const plain = { kind: 'sampler' as const, pubs: [{ circuit: bell() }], shots: 10 };
    expect(samplerPubsOf(plain, target)).not.toBe(samplerPubsOf(plain, target));
    expect(() => samplerPubsOf({ kind: 'sampler', pubs: [{ circuit: bell() }], shots: 0 }, target)).toThrow(InputValidationError);
    // Valid for one target is not valid for another: a smaller target validates again and refuses.
    const small = createTarget({ numQubits: 1, basisGates: ['h', 'x'] });
    const request = validatedSamplerRequest({ kind: 'sampler', pubs: [{ circuit: bell() }], shots: 10 }, target);
    expect(() => samplerPubsOf(request, small)).toThrow(CircuitValidationError);
    expect(() => validatedSamplerRequest({ kind: 'sampler', pubs: [] }, target)).toThrow(InputValidationError);
  });

  it('estimator requests carry their precision default too', () => {
    const pubs = [{ circuit: new Circuit(2).h(0), observables: [['ZZ', 1]] as [string, number][] }];
    const request = validatedEstimatorRequest({ kind: 'estimator', pubs }, target, 0);
    const first = estimatorPubsOf(request, target, 0);
    expect(estimatorPubsOf(request, target, 0)).toBe(first);
    expect(estimatorPubsOf(request, target, 0.1)).not.toBe(first);
    expect(estimatorPubsOf(request, target, 0.1)[0]!.precision).toBe(0.1);
  });

  it('the Sampler and Estimator hand the backend the validated, frozen request; a direct run still refuses bad input', async () => {
    const local = createLocalBackend();
    const seen: PrimitiveRequest[] = [];
    const spy = {
      contractVersion: 1,
      name: local.name,
      target: local.target,
      run: ((req: PrimitiveRequest, o?: object) => {
        seen.push(req);
        return (local.run as (r: unknown, o?: object) => unknown)(req, o);
      }) as Backend['run'],
    } as Backend;
    await (await new Sampler(spy, { shots: 10, seed: 1 }).run([bell()])).result();
    await (await new Estimator(spy).run([[new Circuit(1).x(0), [['Z', 1]]]])).result();
    expect(seen.every((r) => Object.isFrozen(r))).toBe(true);
    expect(samplerPubsOf(seen[0] as never, local.target)).toBe(samplerPubsOf(seen[0] as never, local.target));
    await expect(local.run({ kind: 'sampler', pubs: [{ circuit: bell(), shots: 0 }] })).rejects.toThrow(InputValidationError);
  });
});
