/** The entangler maps live with the circuit library (n-local circuits use them too); re-exported for the feature maps. */
export * from '../circuit/library/entanglement';
