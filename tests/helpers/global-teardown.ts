import { seedChanges, takeSeedSnapshot } from './seed-snapshot';

export default async function globalTeardown(): Promise<void> {
  const run = globalThis.__RUN__;
  if (!run) return;
  // Tests leave the seed data as they found it (read before anything stops).
  const changes = seedChanges(run.seed, await takeSeedSnapshot(run.strapi));
  await run.closeProbe();
  await run.closeSink();
  await run.closeMail();
  await run.strapi.destroy();
  await run.database.drop();
  if (changes.length > 0) {
    throw new Error(`The tests left the seed data changed:\n${changes.join('\n')}`);
  }
}
