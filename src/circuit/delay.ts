/**
 * Units of a delay's duration. A circuit stores a delay in seconds; `dt` (the device's sample
 * time) is not among them because it differs between devices (IBM Heron: 1/4.5 GHz ≈ 0.222 ns),
 * and a circuit knows no device.
 */
export const DELAY_UNITS: Readonly<Record<'s' | 'ms' | 'us' | 'µs' | 'ns', number>> = Object.freeze({ s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 });

/** A unit {@link DELAY_UNITS} accepts. */
export type DelayUnit = 's' | 'ms' | 'us' | 'µs' | 'ns';
