/**
 * The message of the error `fn` throws, after checking that it is an instance of `type`; fails
 * the test when `fn` returns normally (a refusal that did not happen).
 */
export function thrownMessage(fn: () => unknown, type: abstract new (...args: never[]) => Error): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return (e as Error).message;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}
