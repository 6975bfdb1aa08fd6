import { execFileSync } from 'node:child_process';
import { benchServerEnv, onPgServer } from '../helpers/database';
const main = async () => {
  const name = 'ri_perf';
  await onPgServer(`DROP DATABASE IF EXISTS ${name}`);
  await onPgServer(`CREATE DATABASE ${name}`);
  const env = { ...process.env, ...benchServerEnv(name, { DATABASE_POOL_MAX: '10', SEED_ON_START: 'false' }) };
  execFileSync(process.execPath, ['dist/database/seed.js'], { env, stdio: 'inherit' });
  execFileSync(process.execPath, ['-r', 'esbuild-register', 'tests/bench/generate.ts', process.argv[2] ?? 'large'], { env, stdio: 'inherit' });
  console.log('ENV', JSON.stringify(benchServerEnv(name, { DATABASE_POOL_MAX: '10', SEED_ON_START: 'false' })));
};
main().catch((e) => { console.error(e); process.exit(1); });
