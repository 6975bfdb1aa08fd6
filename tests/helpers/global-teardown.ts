export default async function globalTeardown(): Promise<void> {
  const run = globalThis.__RUN__;
  if (!run) return;
  await run.closeProbe();
  await run.closeSink();
  await run.closeMail();
  await run.strapi.destroy();
  await run.database.drop();
}
