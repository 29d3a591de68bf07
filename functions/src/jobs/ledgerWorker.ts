/**
 * The ledger export worker: invoked asynchronously by POST /v1/ledger-exports (ports/jobs.ts) with
 * `{ type: 'ledgerExport', parkId, exportId }`. Lambda retries a failed asynchronous invocation;
 * the service finishes each export once, so a retry or a duplicate delivery is harmless.
 */
import { defaultDeps } from '../http/deps';
import type { LedgerJob } from '../ports/jobs';
import { runLedgerExport } from '../services/ledgerExport';

export async function handler(event: LedgerJob): Promise<void> {
  if (event?.type !== 'ledgerExport' || typeof event.parkId !== 'string' || typeof event.exportId !== 'string') {
    throw new Error('ledgerWorker: not a ledger export job');
  }
  await runLedgerExport(defaultDeps(), event);
}
