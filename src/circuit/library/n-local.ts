import { Circuit } from '../circuit';
import { gateDefinition } from '../gates';
import { ParameterVector, type Parameter } from '../parameter';
import { CircuitValidationError } from '../../core/errors';
import { entanglerMap, isEntanglementName, type EntanglementName } from './entanglement';

/**
 * Qiskit's n-local family (`n_local`, `real_amplitudes`, `efficient_su2`), built gate for gate
 * as Qiskit ≥ 1.3 builds them (the Rust `n_local` with its parameter ledger): per rep a rotation
 * layer, an optional barrier, an entanglement layer, an optional barrier; then a final rotation
 * layer unless skipped. All parameters are elements of one vector `θ` (the prefix), handed out
 * rot₀, ent₀, rot₁, ent₁, …, final rot, so `circuit.parameters` lists θ[0], θ[1], … in that order.
 */

/** Explicit tuples for one entanglement block, or a pattern name. */
export type BlockEntanglement = EntanglementName | ReadonlyArray<ReadonlyArray<number>>;

/**
 * What `entanglement` accepts, as Qiskit: a name (used for every entanglement block), a list of
 * tuples (one entanglement block), a list with one entry per entanglement block, or a function
 * of the rep index returning any of these.
 */
export type NLocalEntanglement =
  | BlockEntanglement
  | ReadonlyArray<BlockEntanglement>
  | ((rep: number) => BlockEntanglement | ReadonlyArray<BlockEntanglement>);

/** Options shared by {@link nLocal}, {@link realAmplitudes} and {@link efficientSU2}; defaults are Qiskit's. */
export interface NLocalOptions {
  /** How often rotation + entanglement repeat (integer ≥ 0). Default 3. */
  reps?: number;
  /** The entanglement strategy. Default 'full' for {@link nLocal}, 'reverse_linear' for the others. */
  entanglement?: NLocalEntanglement;
  /** Insert a barrier on all qubits after each rotation and entanglement layer of a rep. Default false. */
  insertBarriers?: boolean;
  /** Name of the parameter vector. Default 'θ'. */
  parameterPrefix?: string;
  /** Leave out the final rotation layer. Default false. */
  skipFinalRotationLayer?: boolean;
  /** Rotate only qubits that some entanglement block touches. Default false. */
  skipUnentangledQubits?: boolean;
  /** The circuit's name. */
  name?: string;
}

interface Block {
  readonly name: string;
  readonly numQubits: number;
  readonly numParams: number;
}

function toBlocks(blocks: string | readonly string[], what: string): Block[] {
  const list = typeof blocks === 'string' ? [blocks] : [...blocks];
  return list.map((b) => {
    if (typeof b !== 'string') throw new CircuitValidationError(`${what} must be gate names, got ${String(b)}`);
    const g = gateDefinition(b.toLowerCase());
    return { name: g.name, numQubits: g.numQubits, numParams: g.numParams };
  });
}

/** Qiskit's `_normalize_entanglement` for one rep: one entry per entanglement block. */
function normalizeLayer(e: BlockEntanglement | ReadonlyArray<BlockEntanglement>, numBlocks: number): BlockEntanglement[] {
  if (typeof e === 'string') return Array.from({ length: numBlocks }, () => e);
  if (!Array.isArray(e)) throw new CircuitValidationError(`invalid entanglement ${String(e)}`);
  // An empty list is Qiskit's "no entanglement": one block entry with no tuples.
  if (e.length === 0) return [[]];
  const first = e[0];
  const isTupleList = Array.isArray(first) && (first.length === 0 || typeof first[0] === 'number');
  const perBlock = (isTupleList ? [e] : e) as BlockEntanglement[];
  if (perBlock.length !== numBlocks) {
    throw new CircuitValidationError(
      `number of block entanglements (${perBlock.length}) must match the number of entanglement blocks (${numBlocks})`,
    );
  }
  return perBlock;
}

/** The tuples of one block in one rep, as Qiskit's `get_entanglement` (a list must match the block size). */
function blockTuples(n: number, blockSize: number, e: BlockEntanglement, rep: number): number[][] {
  if (typeof e === 'string') {
    if (!isEntanglementName(e)) {
      throw new CircuitValidationError(`unknown entanglement '${e}' (expected full, linear, reverse_linear, circular, sca, pairwise or tuples)`);
    }
    return entanglerMap(n, blockSize, e, rep);
  }
  return e.map((t) => {
    if (t.length !== blockSize) throw new CircuitValidationError(`entanglement [${t.join(', ')}] does not match block size ${blockSize}`);
    if (new Set(t).size !== t.length || t.some((q) => !Number.isInteger(q) || q < 0 || q >= n)) {
      throw new CircuitValidationError(`entanglement [${t.join(', ')}] is not ${blockSize} distinct qubits in [0, ${n})`);
    }
    return [...t];
  });
}

/**
 * The entangler map of every rep: `maps[rep][block]` is the list of qubit tuples of that
 * entanglement block (Qiskit's `Entanglement::from_py`).
 */
export function nLocalEntanglement(
  numQubits: number,
  entanglementBlockSizes: readonly number[],
  entanglement: NLocalEntanglement,
  reps: number,
): number[][][][] {
  const out: number[][][][] = [];
  for (let rep = 0; rep < reps; rep++) {
    const e = typeof entanglement === 'function' ? entanglement(rep) : entanglement;
    const layer = normalizeLayer(e, entanglementBlockSizes.length);
    // Qiskit zips blocks with entries: extra entries (the empty-list case) are dropped.
    out.push(entanglementBlockSizes.slice(0, layer.length).map((m, b) => blockTuples(numQubits, m, layer[b]!, rep)));
  }
  return out;
}

/**
 * Qiskit's `n_local`: alternating rotation and entanglement layers of the given gates. Rotation
 * blocks are stacked on qubits 0, k, 2k, … (k = block size, ⌊n/k⌋ blocks); entanglement blocks
 * go on the tuples of the entanglement strategy. Every parameter of every gate is a fresh
 * element of the vector `θ` (Qiskit's `overwrite_block_parameters=True`).
 *
 * @param numQubits - number of qubits (integer ≥ 1)
 * @param rotationBlocks - gate name(s) of the rotation layer, e.g. `['ry', 'rz']`
 * @param entanglementBlocks - gate name(s) of the entanglement layer, e.g. `'cx'` (`[]` for none)
 * @param options - reps (3), entanglement ('full'), barriers, prefix ('θ'), skips
 * @throws {@link CircuitValidationError} for an unknown gate, a bad entanglement or reps < 0
 *
 * @example
 * const c = nLocal(3, ['ry'], ['cz'], { reps: 1, entanglement: 'linear' });
 * c.parameters; // ['θ[0]', …, 'θ[5]']
 */
export function nLocal(
  numQubits: number,
  rotationBlocks: string | readonly string[],
  entanglementBlocks: string | readonly string[],
  options: NLocalOptions = {},
): Circuit {
  if (!Number.isInteger(numQubits) || numQubits < 1) throw new CircuitValidationError(`numQubits must be an integer ≥ 1, got ${String(numQubits)}`);
  const reps = options.reps ?? 3;
  if (!Number.isInteger(reps) || reps < 0) throw new CircuitValidationError(`reps must be a non-negative integer, got ${String(reps)}`);
  const rot = toBlocks(rotationBlocks, 'rotation blocks');
  const ent = toBlocks(entanglementBlocks, 'entanglement blocks');
  for (const b of [...rot, ...ent]) {
    if (b.numQubits > numQubits) throw new CircuitValidationError(`block '${b.name}' acts on ${b.numQubits} qubits, more than the circuit's ${numQubits}`);
  }
  const maps = nLocalEntanglement(numQubits, ent.map((b) => b.numQubits), options.entanglement ?? 'full', reps);
  const skipFinal = options.skipFinalRotationLayer ?? false;

  // The ledger: parameters per rotation layer (⌊n/k⌋ blocks each, skipped qubits included, as
  // Qiskit counts them), per entanglement layer (one set per tuple).
  const rotPerLayer = rot.reduce((s, b) => s + Math.floor(numQubits / b.numQubits) * b.numParams, 0);
  const entPerLayer = maps.map((layer) => layer.reduce((s, tuples, b) => s + tuples.length * ent[b]!.numParams, 0));
  const total = (reps + (skipFinal ? 0 : 1)) * rotPerLayer + entPerLayer.reduce((s, k) => s + k, 0);
  const theta = new ParameterVector(options.parameterPrefix ?? 'θ', total);

  const skipped = new Set<number>();
  if (options.skipUnentangledQubits) {
    const active = new Set(maps.flat(3));
    for (let q = 0; q < numQubits; q++) if (!active.has(q)) skipped.add(q);
  }
  const c = new Circuit(numQubits, { name: options.name ?? 'nlocal' });
  const take = (from: number, k: number): Parameter[] => theta.elements.slice(from, from + k);

  const rotationLayer = (start: number): void => {
    let index = start;
    for (const b of rot) {
      const count = Math.floor(numQubits / b.numQubits);
      const starts: number[] = [];
      for (let s = 0; s < numQubits; s += b.numQubits) {
        if (!Array.from({ length: b.numQubits }, (_, i) => s + i).some((q) => skipped.has(q))) starts.push(s);
      }
      // Qiskit zips the kept start indices with the block's parameter sets: a skipped block
      // shifts the later ones onto earlier parameters, and the unused sets stay out of the circuit.
      for (let i = 0; i < Math.min(starts.length, count); i++) {
        const qubits = Array.from({ length: b.numQubits }, (_, j) => starts[i]! + j);
        c.append(b.name, qubits, take(index + i * b.numParams, b.numParams));
      }
      index += count * b.numParams;
    }
  };

  let index = 0;
  for (let rep = 0; rep < reps; rep++) {
    rotationLayer(index);
    index += rotPerLayer;
    if (options.insertBarriers) c.barrier();
    maps[rep]!.forEach((tuples, b) => {
      const blk = ent[b]!;
      for (const t of tuples) {
        c.append(blk.name, t, take(index, blk.numParams));
        index += blk.numParams;
      }
    });
    if (options.insertBarriers) c.barrier();
  }
  if (!skipFinal) rotationLayer(index);
  return c;
}

/**
 * Qiskit's `real_amplitudes`: RY rotation layers and CX entanglement (none on one qubit),
 * default 'reverse_linear', reps 3. `realAmplitudes(3, { reps: 2 })` has 9 parameters.
 *
 * @param numQubits - number of qubits
 * @param options - reps, entanglement, barriers, prefix, skips (Qiskit's defaults)
 *
 * @example
 * const ansatz = realAmplitudes(3, { reps: 2 });
 * ansatz.parameters.length; // 9
 */
export function realAmplitudes(numQubits: number, options: NLocalOptions = {}): Circuit {
  return nLocal(numQubits, ['ry'], numQubits > 1 ? ['cx'] : [], {
    ...options,
    entanglement: options.entanglement ?? 'reverse_linear',
    name: options.name ?? 'RealAmplitudes',
  });
}

/** Options of {@link efficientSU2}: {@link NLocalOptions} plus the rotation gates. */
export interface EfficientSU2Options extends NLocalOptions {
  /** The single-qubit rotation gates of each rotation layer. Default ['ry', 'rz']. */
  su2Gates?: string | readonly string[];
}

/**
 * Qiskit's `efficient_su2`: rotation layers of `su2Gates` (default RY then RZ on every qubit)
 * and CX entanglement, default 'reverse_linear', reps 3. `efficientSU2(3, { reps: 1 })` has 12
 * parameters.
 *
 * @param numQubits - number of qubits
 * @param options - su2Gates, reps, entanglement, barriers, prefix, skips (Qiskit's defaults)
 *
 * @example
 * efficientSU2(3, { reps: 1 }).parameters.length; // 12
 */
export function efficientSU2(numQubits: number, options: EfficientSU2Options = {}): Circuit {
  const { su2Gates, ...rest } = options;
  return nLocal(numQubits, su2Gates ?? ['ry', 'rz'], numQubits > 1 ? ['cx'] : [], {
    ...rest,
    entanglement: rest.entanglement ?? 'reverse_linear',
    name: rest.name ?? 'EfficientSU2',
  });
}
