/** The text circuit drawer (Qiskit's `draw('text')` layout). */
export { drawText, type TextDrawOptions } from './text';
