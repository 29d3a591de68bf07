import type { Dashboard, DashboardQuery, LedgerExport, LedgerExportInput, LedgerExportList } from '@parklink/contract';
import { call } from './http';

/** The park admin's figures (数据看板): one function per contract route. */
export const dashboardApi = {
  /** The park's figures for [from, to], China dates, both days included (at most a year). */
  get(query: DashboardQuery): Promise<Dashboard> {
    return call<Dashboard>('dashboard', { query: { from: query.from, to: query.to } });
  },
};

/** 台账导出: a background job makes the file; the admin polls it, then downloads by link. */
export const ledgerApi = {
  /** Starts an export; answers 202 with it `running`. */
  create(input: LedgerExportInput): Promise<LedgerExport> {
    return call<LedgerExport>('createLedgerExport', { body: input });
  },
  /** Recent exports, newest first. */
  async list(): Promise<LedgerExport[]> {
    return (await call<LedgerExportList>('listLedgerExports')).items;
  },
  /** One export; when ready, with a download link that works for an hour from this answer. */
  get(id: string): Promise<LedgerExport> {
    return call<LedgerExport>('getLedgerExport', { params: { id } });
  },
};
