import fs from 'node:fs';
import path from 'node:path';
import { bootTestServer } from '../helpers/global-setup';

/** Browser tests: the built admin panel served by a real server, on PostgreSQL unless told. */
export default async function globalSetup(): Promise<void> {
  // Screenshots of an earlier run would let a check of this run's screenshots pass on stale files.
  fs.rmSync(path.join(__dirname, '..', 'artifacts'), { recursive: true, force: true });
  await bootTestServer({ defaultClient: 'postgres', serveAdmin: true, compile: false });
}
