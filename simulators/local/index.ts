/** The `local` backend: the statevector simulator behind the {@link Backend} contract. */
export { createLocalBackend, type LocalBackendOptions } from './local-backend';
export { COLLAPSE_WORK_LIMIT } from '../pub-runner/sampling';
