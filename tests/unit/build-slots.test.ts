import { createSlots, publicBuildsMax } from '../../src/http/build-slots';

/** A work that ends when told to. */
const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('build slots: at most a given number of works at once, first come first served', () => {
  it('never runs more than the limit, and runs the waiting ones in arrival order', async () => {
    const slots = createSlots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const works = gates.map((each, index) =>
      slots.run(async () => {
        running += 1;
        most = Math.max(most, running);
        started.push(index);
        await each.opened;
        running -= 1;
        return index;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(slots.busy).toBe(2);
    expect(slots.waiting).toBe(3);
    gates[1].open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const each of gates) each.open();
    const results = await Promise.all(works);
    expect(results.map((result) => result.value)).toEqual([0, 1, 2, 3, 4]);
    expect(results[0].waitedMs).toBeLessThan(results[4].waitedMs);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(slots.busy).toBe(0);
    expect(slots.waiting).toBe(0);
  });

  it('frees the slot of a work that throws', async () => {
    const slots = createSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(slots.busy).toBe(0);
    expect((await slots.run(() => Promise.resolve('next'))).value).toBe('next');
  });

  it('0 means no limit', async () => {
    const slots = createSlots(0);
    const gates = Array.from({ length: 10 }, gate);
    const works = gates.map((each) => slots.run(() => each.opened));
    await tick();
    expect(slots.busy).toBe(10);
    expect(slots.waiting).toBe(0);
    for (const each of gates) each.open();
    await Promise.all(works);
  });

  it.each([
    [undefined, 4],
    ['', 4],
    ['1', 1],
    ['0', 0],
    ['12', 12],
    ['-3', 4],
    ['2.5', 4],
    ['many', 4],
  ])('PUBLIC_BUILDS_MAX=%j gives %d', (raw, expected) => {
    const before = process.env.PUBLIC_BUILDS_MAX;
    if (raw === undefined) delete process.env.PUBLIC_BUILDS_MAX;
    else process.env.PUBLIC_BUILDS_MAX = raw;
    try {
      expect(publicBuildsMax()).toBe(expected);
    } finally {
      if (before === undefined) delete process.env.PUBLIC_BUILDS_MAX;
      else process.env.PUBLIC_BUILDS_MAX = before;
    }
  });
});
