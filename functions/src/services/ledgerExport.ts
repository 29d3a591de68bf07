/**
 * Making a ledger file: the period's requests page by page (the big sheet), then its cases and
 * matches (tens to hundreds), each row written to a streaming workbook whose bytes go to object
 * storage in 5 MB parts. Memory holds one page of requests, the park's credit codes and one part,
 * whatever the period's size. Run by the ledgerWorker Lambda (jobs/ledgerWorker.ts), at most once
 * per export in effect: a finished export is never redone, and only the first finish is recorded.
 */
import { caseDate } from '../domain/cases/case';
import { periodBounds } from '../domain/dashboard';
import { LEDGER_CONTENT_TYPES, ledgerObjectKey, type LedgerExportRecord } from '../domain/ledger/exports';
import { caseSheet, ledgerFileName, matchSheet, requestSheet, rowOf, type SheetSpec } from '../domain/ledger/sheets';
import type { Deps } from '../http/deps';
import type { LedgerJob } from '../ports/jobs';
import { sheetWriter, type SheetWriter } from '../ports/sheetWriter';
import { caseStore } from '../store/cases';
import { directory } from '../store/directory';
import { ledgerExportStore } from '../store/ledgerExports';
import { marketStore } from '../store/market';

export async function runLedgerExport(deps: Deps, job: LedgerJob): Promise<void> {
  const record = await ledgerExportStore.get(deps.db, job.parkId, job.exportId);
  // Unknown, or already finished by an earlier delivery of the same job: nothing to do.
  if (!record || record.status !== 'running') return;
  try {
    const made = await writeLedger(deps, record);
    await ledgerExportStore.finish(deps.db, record.parkId, record.id, { status: 'ready', finishedAt: deps.clock.now().toISOString(), ...made });
    deps.log({ msg: 'ledger export ready', parkId: record.parkId, exportId: record.id, rows: made.rows, sizeBytes: made.sizeBytes });
  } catch (error) {
    deps.log({ msg: 'ledger export failed', parkId: record.parkId, exportId: record.id, error: String(error) });
    await ledgerExportStore.finish(deps.db, record.parkId, record.id, { status: 'failed', finishedAt: deps.clock.now().toISOString(), error: '生成失败，请稍后重试' });
  }
}

async function writeLedger(deps: Deps, record: LedgerExportRecord): Promise<Pick<LedgerExportRecord, 'rows' | 'fileName' | 'sizeBytes' | 'objectKey'>> {
  const { parkId } = record;
  const [park, enterprises] = await Promise.all([directory.getPark(deps.db, parkId), directory.listEnterprises(deps.db, parkId)]);
  const creditCodes = new Map(enterprises.map((e) => [e.id, e.creditCode]));
  const objectKey = ledgerObjectKey(parkId, record.id, record.format);
  const upload = deps.storage.upload(objectKey, LEDGER_CONTENT_TYPES[record.format]);
  const writer = sheetWriter(record.format, (chunk) => upload.write(chunk));
  const rows = { requests: 0, cases: 0, matches: 0 };
  try {
    const { start, end } = periodBounds(record.from, record.to);
    const requests = requestSheet({ creditCodeOf: (id) => creditCodes.get(id), now: deps.clock.now().toISOString() });
    startSheet(writer, requests);
    for await (const page of ledgerExportStore.requestPages(deps.db, parkId, start, end)) {
      for (const request of page) writer.row(rowOf(requests, request));
      rows.requests += page.length;
      await upload.flush();
    }

    const cases = (await caseStore.all(deps.db, parkId)).filter((c) => caseDate(c) >= record.from && caseDate(c) <= record.to).reverse();
    startSheet(writer, caseSheet);
    for (const c of cases) writer.row(rowOf(caseSheet, c));
    rows.cases = cases.length;

    const matches = await marketStore.matchesBetween(deps.db, parkId, start, end);
    startSheet(writer, matchSheet);
    for (const m of matches) writer.row(rowOf(matchSheet, m));
    rows.matches = matches.length;

    writer.end();
    const sizeBytes = await upload.complete();
    return { rows, sizeBytes, objectKey, fileName: ledgerFileName(park?.name ?? parkId, record.from, record.to, record.format) };
  } catch (error) {
    await upload.abort();
    throw error;
  }
}

const startSheet = <T>(writer: SheetWriter, spec: SheetSpec<T>) => writer.sheet(spec.name, spec.columns);
