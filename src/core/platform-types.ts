/**
 * The platform types the public declarations name, declared for consumers that have neither the
 * DOM library nor `@types/node` (a project compiled with `lib: ["ES2022"]`, `types: []`):
 * `AbortSignal` (the `signal` option of runs, jobs and kernels) and the fetch API's `Request` and
 * `Response` (the IBM transport's injectable `fetch`). Without these, such a project fails to
 * compile qbridge's declarations with "Cannot find name 'AbortSignal'".
 *
 * The interfaces are empty on purpose: interface declarations merge, so where the real types exist
 * (Node's globals, the DOM library) they are unchanged, and an empty interface can never conflict
 * with a member they declare. Where they do not exist, the names resolve to opaque types, which is
 * all a consumer without those libraries can construct anyway.
 *
 * `src/index.ts` imports this module for its effect on the emitted declarations (the import is
 * kept in `index.d.ts`, so every consumer program sees these globals); at run time it is empty.
 */
export {};

declare global {
  interface AbortSignal {}
  interface Request {}
  interface Response {}
}
