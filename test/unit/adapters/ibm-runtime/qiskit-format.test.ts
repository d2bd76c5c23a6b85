/**
 * Issue 13 point 1, against a reference we did not write: a shaped PrimitiveResult whose arrays
 * were written by real NumPy (fixtures/ibm-runtime/results-sampler-typed-shaped.json, made with
 * `np.save(allow_pickle=False)` + zlib + base64 as qiskit-ibm-runtime's RuntimeEncoder does), and
 * the test server's hand-written `.npy` checked byte for byte against NumPy's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeNdarrayBase64, decodeResultText, toSamplerResult } from '../../../../adapters/ibm-runtime';
import { npyUint8 } from '../../../support/runtime-server/results';

const FIX = path.join(__dirname, '..', '..', '..', '..', 'fixtures', 'ibm-runtime', 'results-sampler-typed-shaped.json');
const text = fs.readFileSync(FIX, 'utf8');
const doc = JSON.parse(text) as { npy_hex: string; evs: { __value__: string } };
/** The values NumPy was given (see the fixture's `_comment`): 3 rows × 4 shots of 10 bits. */
const ROWS = [
  [0, 1, 2, 1023],
  [512, 3, 768, 5],
  [1, 1, 0, 1000],
];

describe('Qiskit-encoded results written by NumPy', () => {
  it('point 1: a BitArray of shape (3, 4, 2) decodes to 3 rows of 4 shots with the 10-bit values NumPy wrote', () => {
    const r = toSamplerResult(decodeResultText(text), { backend: 'b', jobId: 'j' });
    const meas = r.pubs[0]!.data.meas!;
    expect([meas.numRows, meas.numShots, meas.numBits]).toEqual([3, 4, 10]);
    expect(ROWS.map((_, row) => Array.from(meas.getInts(row)))).toEqual(ROWS);
    expect(r.pubs[0]!.metadata).toMatchObject({ shots: 4, numRows: 3 });
    expect(r.metadata.format).toBe('qiskit');
  });

  it("point 1: the test server's .npy writer produces NumPy's exact bytes (header v1.0, padding, data)", () => {
    const bytes = new Uint8Array(ROWS.flat().flatMap((v) => [v >> 8, v & 0xff]));
    expect(npyUint8([3, 4, 2], bytes).toString('hex')).toBe(doc.npy_hex);
  });

  it('point 1: a float64 (2, 3) ndarray (Estimator evs) keeps its shape and values', () => {
    const a = decodeNdarrayBase64(doc.evs.__value__);
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data)).toEqual([0.5, -0.25, 1.0, 0.0, 0.125, -1.0]);
  });
});
