/**
 * The ledger (台账) for park admins: start an export of a period (202: the job makes the file in
 * the background), follow it, download it by a presigned link. Starting one is an audit event.
 */
import { Id, LedgerExportInput, type LedgerExportList } from '@parklink/contract';
import { auditEvent } from '../domain/admin/audit';
import { notFound } from '../domain/errors';
import { assertOwnExport, exportView, LINK_SECONDS, newExport, type LedgerExportRecord } from '../domain/ledger/exports';
import { ledgerExportStore } from '../store/ledgerExports';
import type { Deps } from './deps';
import { json, lambdaHandler, route, type Context } from './middleware';

export const ledgerRoutes = [
  route('createLedgerExport', async (ctx) => {
    const { deps, user } = ctx;
    const input = ctx.body(LedgerExportInput);
    const now = deps.clock.now().toISOString();
    const record = newExport(user, input, deps.newId(), now);
    const audit = auditEvent(user, 'ledger.export', { type: 'ledger', id: record.id, name: `${input.from} 至 ${input.to}` }, { after: { from: input.from, to: input.to, format: input.format } }, deps.newId(), now);
    await ledgerExportStore.create(deps.db, record, audit);
    await deps.jobs.start({ type: 'ledgerExport', parkId: user.parkId, exportId: record.id });
    return json(202, exportView(record, now), { location: `/v1/ledger-exports/${record.id}` });
  }),

  route('listLedgerExports', async (ctx) => {
    const now = ctx.deps.clock.now().toISOString();
    const records = await ledgerExportStore.recent(ctx.deps.db, ctx.user.parkId);
    const body: LedgerExportList = { items: await Promise.all(records.map((r) => withLink(ctx.deps, r, now))) };
    return json(200, body);
  }),

  route('getLedgerExport', async (ctx) => {
    const record = assertOwnExport(ctx.user, await loadExport(ctx));
    return json(200, await withLink(ctx.deps, record, ctx.deps.clock.now().toISOString()));
  }),
];

export const handler = lambdaHandler(ledgerRoutes);

async function loadExport(ctx: Context): Promise<LedgerExportRecord | undefined> {
  const id = Id.safeParse(ctx.param('id'));
  if (!id.success) throw notFound('台账', 'ledger export');
  return ledgerExportStore.get(ctx.deps.db, ctx.user.parkId, id.data);
}

/** A ready export gets a fresh link on every read; it downloads under its Chinese file name. */
async function withLink(deps: Deps, record: LedgerExportRecord, now: string) {
  if (record.status !== 'ready' || !record.objectKey) return exportView(record, now);
  const fileName = record.fileName ?? `${record.id}.${record.format}`;
  const url = await deps.storage.presignGet({
    key: record.objectKey,
    contentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    expiresInSeconds: LINK_SECONDS,
  });
  return exportView(record, now, { url, expiresAt: new Date(Date.parse(now) + LINK_SECONDS * 1000).toISOString() });
}
