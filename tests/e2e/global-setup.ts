import { bootTestServer } from '../helpers/global-setup';

/** Browser tests: the built admin panel served by a real server, on PostgreSQL unless told. */
export default async function globalSetup(): Promise<void> {
  await bootTestServer({ defaultClient: 'postgres', serveAdmin: true, compile: false });
}
