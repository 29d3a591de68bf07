/**
 * A ledger export's life: an admin starts it (`running`), the job finishes it once (`ready` with
 * its file, or `failed`). A job that died without finishing — its Lambda timed out or crashed —
 * reads as failed once it is older than the job's time limit, so nobody waits on it forever.
 */
import type { LedgerExport, LedgerExportInput, LedgerFormat, LedgerRows } from '@parklink/contract';
import { notFound } from '../errors';
import type { User } from '../user';

export interface LedgerExportRecord {
  id: string;
  parkId: string;
  from: string;
  to: string;
  format: LedgerFormat;
  status: LedgerExport['status'];
  requestedAt: string;
  requestedBy: { id: string; name: string };
  finishedAt?: string;
  rows?: LedgerRows;
  fileName?: string;
  sizeBytes?: number;
  /** Where the file is in object storage (never shown: the client gets a presigned link). */
  objectKey?: string;
  error?: string;
}

/** The worker's time limit (serverless.yml ledgerWorker.timeout) and a minute's grace. */
export const JOB_LIMIT_MS = 16 * 60_000;

/** A download link lasts an hour: long enough to click, short enough not to travel. */
export const LINK_SECONDS = 3600;

export function assertOwnExport(user: User, record: LedgerExportRecord | undefined): LedgerExportRecord {
  if (!record || record.parkId !== user.parkId) throw notFound('台账', 'ledger export');
  return record;
}

export function newExport(user: User, input: Required<Pick<LedgerExportInput, 'from' | 'to' | 'format'>>, id: string, now: string): LedgerExportRecord {
  return { id, parkId: user.parkId, from: input.from, to: input.to, format: input.format, status: 'running', requestedAt: now, requestedBy: { id: user.id, name: user.name } };
}

/** The record as the admin sees it; `link` is added by the caller for ready ones. */
export function exportView(record: LedgerExportRecord, now: string, link?: { url: string; expiresAt: string }): LedgerExport {
  const stale = record.status === 'running' && Date.parse(now) - Date.parse(record.requestedAt) > JOB_LIMIT_MS;
  const { parkId, objectKey, ...shown } = record;
  void [parkId, objectKey];
  if (stale) return { ...shown, status: 'failed', error: '生成超时，请重新生成' };
  return { ...shown, ...(record.status === 'ready' && link ? { url: link.url, urlExpiresAt: link.expiresAt } : {}) };
}

export const ledgerObjectKey = (parkId: string, id: string, format: LedgerFormat) => `ledgers/${parkId}/${id}.${format === 'xlsx' ? 'xlsx' : 'zip'}`;

export const LEDGER_CONTENT_TYPES: Record<LedgerFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'application/zip',
};

/** [start, end] (milliseconds, both included) as `n` touching spans, in order: reads done side by side. */
export function timeSlices(start: number, end: number, n: number): [number, number][] {
  const width = Math.ceil((end - start + 1) / n);
  const spans: [number, number][] = [];
  for (let from = start; from <= end; from += width) spans.push([from, Math.min(end, from + width - 1)]);
  return spans;
}
