/** Circuit model: qubits, classical registers, Qiskit gates, parameters. */
export { Circuit, isExpression, type Instruction, type ClassicalRegister, type CircuitOptions } from './circuit';
export { GATES, DIRECTIVES, gateDefinition, gateMatrix, type GateDefinition, type GateMatrix } from './gates';
export {
  Parameter,
  ParameterVector,
  ParameterExpression,
  compareParameterNames,
  type Angle,
  type ExprNode,
  type ParameterBindings,
} from './parameter';
export * from './qasm';
export { ghzCircuit, qftCircuit } from './library';
