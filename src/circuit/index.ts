/** Circuit model: qubits, classical registers, Qiskit gates, parameters. */
export { Circuit, CircuitBase, isExpression, type Instruction, type ClassicalRegister, type CircuitOptions, type ComposeOptions } from './circuit';
export { broadcastQubits, broadcastMeasure, type QubitArg, type ClbitArg } from './broadcast';
export { GATES, DIRECTIVES, gateDefinition, gateMatrix, type GateDefinition, type GateMatrix } from './gates';
export { IF_ELSE, type IfCondition, type IfConditionSpec } from './control-flow';
export {
  Parameter,
  ParameterVector,
  ParameterExpression,
  compareParameterNames,
  type Angle,
  type ExprNode,
  type ParameterBindings,
} from './parameter';
export { parseQasm, parseQasm2, parseQasm3, toQasm3, qasm3ParameterNames, QASM3_DEFINITIONS, STDGATES_NAMES, SOFT_NATIVE, type Qasm3ExportOptions, type QasmParseOptions } from './qasm';
export { ghzCircuit, qftCircuit } from './library';
