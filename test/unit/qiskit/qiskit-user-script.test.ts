/**
 * A Qiskit user's first script, translated line by line (issue 15's acceptance). Each step
 * quotes the Qiskit lines it translates; the expected shapes are the ones Qiskit's
 * documentation gives, and the values come from closed forms or from the hand-written dense
 * reference of test/unit/primitives/dense-reference.ts (its own gate matrices, no qbridge
 * simulator code).
 */
import {
  acquireBackend,
  Circuit,
  createFakeBackend,
  Estimator,
  generatePresetPassManager,
  Parameter,
  realAmplitudes,
  Sampler,
  SparsePauliOp,
  zzFeatureMap,
} from '../../../src';
import { cx, denseState, h, pauliExpectation, ry, rz, type RefGate } from '../primitives/dense-reference';

describe("a Qiskit user's script, line by line", () => {
  test('Bell and GHZ sampling: result[0].data.meas.get_counts()', async () => {
    // qc = QuantumCircuit(2); qc.h(0); qc.cx(0, 1); qc.measure_all()
    const bell = new Circuit(2).h(0).cx(0, 1).measureAll();
    // sampler = StatevectorSampler(); result = sampler.run([qc], shots=1024).result()
    const backend = await acquireBackend('local');
    const result = await (await new Sampler(backend, { seed: 1 }).run([bell], { shots: 1024 })).result();
    // counts = result[0].data.meas.get_counts()
    const counts = result[0]!.data.meas!.getCounts();
    expect(Object.keys(counts).sort()).toEqual(['00', '11']);
    expect(counts['00']! + counts['11']!).toBe(1024);
    expect(result[0]!.data.meas!.numShots).toBe(1024);
    expect(result[0]!.data.meas!.numBits).toBe(2);
    expect(result.length).toBe(1);

    // ghz = QuantumCircuit(3); ghz.h(0); ghz.cx(0, [1, 2]); ghz.measure_all()
    const ghz = new Circuit(3).h(0).cx(0, [1, 2]).measureAll();
    const g = await (await new Sampler(backend, { seed: 2 }).run([ghz], { shots: 500 })).result();
    expect(Object.keys(g[0]!.data.meas!.getCounts()).sort()).toEqual(['000', '111']);
  });

  test('Estimator with broadcasting: the CHSH tutorial, observables (2, 1) × 21 phases → evs of shape (2, 21)', async () => {
    // theta = Parameter("θ"); chsh = QuantumCircuit(2); chsh.h(0); chsh.cx(0, 1); chsh.ry(theta, 0)
    const theta = new Parameter('θ');
    const chsh = new Circuit(2).h(0).cx(0, 1).ry(theta, 0);
    // phases = np.linspace(0, 2 * np.pi, 21); individual_phases = [[ph] for ph in phases]
    const phases = Array.from({ length: 21 }, (_, k) => (2 * Math.PI * k) / 20);
    // obs1 = ZZ - ZX + XZ + XX; obs2 = ZZ + ZX - XZ + XX
    const obs1 = SparsePauliOp.fromList([['ZZ', 1], ['ZX', -1], ['XZ', 1], ['XX', 1]]);
    const obs2 = SparsePauliOp.fromList([['ZZ', 1], ['ZX', 1], ['XZ', -1], ['XX', 1]]);
    // result = estimator.run([(chsh, [[obs1], [obs2]], individual_phases)]).result()
    const backend = await acquireBackend('local');
    const result = await (await new Estimator(backend).run([[chsh, [[obs1], [obs2]], phases.map((p) => [p])]])).result();
    const evs = result[0]!.data.evs;
    expect(evs.shape).toEqual([2, 21]);
    // For (I ⊗ RY(θ))|Φ+⟩: ⟨ZZ⟩ = ⟨XX⟩ = cos θ, ⟨ZX⟩ = sin θ, ⟨XZ⟩ = −sin θ, so
    // ⟨obs1⟩ = 2(cos θ − sin θ) = 2√2 cos(θ + π/4) and ⟨obs2⟩ = 2√2 cos(θ − π/4).
    phases.forEach((t, k) => {
      expect(evs.get(0, k)).toBeCloseTo(2 * Math.SQRT2 * Math.cos(t + Math.PI / 4), 12);
      expect(evs.get(1, k)).toBeCloseTo(2 * Math.SQRT2 * Math.cos(t - Math.PI / 4), 12);
    });
    // The violation the tutorial shows: |⟨CHSH⟩| > 2 (2√2·cos(π/20) ≈ 2.79 on this grid).
    expect(Math.max(...evs.toFloat64Array().map(Math.abs))).toBeCloseTo(2 * Math.SQRT2 * Math.cos(Math.PI / 20), 12);
  });

  test('a parameterised ansatz from the library: real_amplitudes(2, reps=2) has 6 parameters; ⟨ZZ⟩ matches the dense reference', async () => {
    // ansatz = real_amplitudes(2, reps=2); ansatz.num_parameters  → 6
    const ansatz = realAmplitudes(2, { reps: 2 });
    expect(ansatz.parameters).toEqual(['θ[0]', 'θ[1]', 'θ[2]', 'θ[3]', 'θ[4]', 'θ[5]']);
    const values = [0.3, -1.1, 0.7, 2.0, -0.4, 0.9];
    const backend = await acquireBackend('local');
    const result = await (await new Estimator(backend).run([[ansatz, ['ZZ', 'XI'], values]])).result();
    expect(result[0]!.data.evs.shape).toEqual([2]);
    // Qiskit's RealAmplitudes on 2 qubits (reverse_linear = one cx(0, 1)): RY layer, CX, RY layer, CX, RY layer.
    const gates: RefGate[] = [ry(values[0]!, 0), ry(values[1]!, 1), cx(0, 1), ry(values[2]!, 0), ry(values[3]!, 1), cx(0, 1), ry(values[4]!, 0), ry(values[5]!, 1)];
    const psi = denseState(2, gates);
    expect(result[0]!.data.evs.get(0)).toBeCloseTo(pauliExpectation(psi, 'ZZ'), 12);
    expect(result[0]!.data.evs.get(1)).toBeCloseTo(pauliExpectation(psi, 'XI'), 12);
  });

  test('transpile with the preset pass manager: generate_preset_pass_manager(1, backend).run(qc) gives a 156-qubit ISA circuit that samples Bell counts', async () => {
    // backend = FakeFez(); pm = generate_preset_pass_manager(optimization_level=1, backend=backend)
    const backend = await createFakeBackend('fake_fez');
    const pm = generatePresetPassManager(1, backend);
    // isa = pm.run(qc)
    const isa = pm.run(new Circuit(2).h(0).cx(0, 1).measureAll());
    expect(isa.numQubits).toBe(156);
    expect(new Set(isa.instructions.map((i) => i.name))).toEqual(new Set(['rz', 'sx', 'cz', 'barrier', 'measure']));
    // SamplerV2(mode=backend).run([isa]).result()[0].data.meas.get_counts()
    const counts = (await (await new Sampler(backend, { seed: 3, transpile: false }).run([isa], { shots: 400 })).result())[0]!.data.meas!.getCounts();
    expect(Object.keys(counts).sort()).toEqual(['00', '11']);
  });

  test('a feature map composed with an ansatz: fm.compose(ansatz) is a new circuit; fm keeps its 2 parameters', async () => {
    // fm = zz_feature_map(2); ansatz = real_amplitudes(2, reps=1); qc = fm.compose(ansatz)
    const fm = zzFeatureMap(2);
    const fmOps = fm.instructions.length;
    const ansatz = realAmplitudes(2, { reps: 1 });
    const qc = fm.compose(ansatz);
    expect(qc.parameters).toEqual(['x[0]', 'x[1]', 'θ[0]', 'θ[1]', 'θ[2]', 'θ[3]']);
    expect(fm.parameters).toEqual(['x[0]', 'x[1]']);
    expect(fm.instructions.length).toBe(fmOps);
    // qc.assign_parameters([...]); estimator.run([(qc, "ZZ")])
    const [x0, x1] = [0.4, 1.3];
    const th = [0.2, -0.8, 1.5, 0.6];
    const backend = await acquireBackend('local');
    const ev = (await (await new Estimator(backend).run([[qc.assignParameters([x0, x1, ...th]), 'ZZ']])).result())[0]!.data.evs;
    expect(ev.shape).toEqual([]);
    // Qiskit's ZZFeatureMap(2, reps=2): per rep H, P(2x0), P(2x1), CX, P(2(π−x0)(π−x1)) on q1, CX.
    // P(φ) equals RZ(φ) up to a global phase, which no expectation value sees.
    const rep: RefGate[] = [h(0), h(1), rz(2 * x0, 0), rz(2 * x1, 1), cx(0, 1), rz(2 * (Math.PI - x0) * (Math.PI - x1), 1), cx(0, 1)];
    const psi = denseState(2, [...rep, ...rep, ry(th[0]!, 0), ry(th[1]!, 1), cx(0, 1), ry(th[2]!, 0), ry(th[3]!, 1)]);
    expect(ev.item()).toBeCloseTo(pauliExpectation(psi, 'ZZ'), 12);
  });
});
