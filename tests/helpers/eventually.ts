/**
 * Polls `check` until it returns a value (anything but undefined), every `every` ms, for at most
 * `ms`: the one way the tests wait for something that happens in the background (an e-mail, a
 * webhook, a server that starts, a retry). On timeout it throws, saying what was awaited (`what`
 * may compute it from the last state).
 */
export const eventually = async <T>(
  check: () => Promise<T | undefined>,
  ms = 30_000,
  what: string | (() => string) = 'condition',
  every = 100,
): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`${typeof what === 'string' ? what : what()}: not reached in ${ms} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, every));
  }
};
