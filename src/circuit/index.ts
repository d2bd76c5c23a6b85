/** Circuit model: qubits, classical registers, Qiskit gates, parameters. */
export { Circuit, CircuitBase, isExpression, type Instruction, type ClassicalRegister, type CircuitOptions, type ComposeOptions } from './circuit';
export { broadcastQubits, broadcastMeasure, type QubitArg, type ClbitArg } from './broadcast';
export { GATES, DIRECTIVES, gateDefinition, gateMatrix, isIdleInstruction, type GateDefinition, type GateMatrix } from './gates';
export { DELAY_UNITS, type DelayUnit } from './delay';
export { IF_ELSE, type IfCondition, type IfConditionSpec } from './control-flow';
export { WHILE_LOOP, MAX_WHILE_ITERATIONS } from './control-flow';
export {
  Parameter,
  ParameterVector,
  ParameterExpression,
  compareParameterNames,
  type Angle,
  type ExprNode,
  type ParameterBindings,
} from './parameter';
export { parseQasm, parseQasm2, parseQasm3, toQasm3, qasm3ParameterNames, QASM3_DEFINITIONS, STDGATES_NAMES, SOFT_NATIVE, type Qasm3ExportOptions, type QasmParseOptions, type IncludedFile } from './qasm';
export { parseQasmProgram, bindQasmInputs, type QasmInput, type QasmOutput, type QasmProgramResult } from './qasm';
export { ghzCircuit, qftCircuit } from './library';
export {
  nLocal,
  realAmplitudes,
  efficientSU2,
  nLocalEntanglement,
  type NLocalOptions,
  type EfficientSU2Options,
  type NLocalEntanglement,
  type BlockEntanglement,
} from './library/n-local';
export { qaoaAnsatz, type QaoaAnsatzOptions, type PauliTermSource, type PauliCoefficient } from './library/qaoa-ansatz';
export { controlGate, inverseGate, powerGate } from './gate-modifiers';
export { MAX_CONTROLS } from './multi-controlled';
export { toQasm2, type Qasm2ExportOptions } from './qasm';
export { drawText, type TextDrawOptions } from './draw';
