import * as z from './zod';
import { ChinaDate, Id, IsoTime } from './common';
import { LEDGER_EXPORT_STATUSES, LEDGER_FORMATS, ledgerFormatLabels, ledgerStatusLabels } from './values/ledger';
/** Plain lists and labels, schema-free (values/ledger.ts). */
export { LEDGER_EXPORT_STATUSES, LEDGER_FORMATS, ledgerFormatLabels, ledgerStatusLabels };

/**
 * The ledger (台账) a park sends upward: one row per request of the period, a sheet of co-building
 * cases and a sheet of matches. Made by a background job into object storage because a big park's
 * year does not fit API Gateway's 30-second limit; the admin starts it, then downloads it by link.
 */
export const LedgerFormat = z.enum(LEDGER_FORMATS);
export type LedgerFormat = z.infer<typeof LedgerFormat>;

export const LedgerExportInput = z.object({ from: ChinaDate, to: ChinaDate, format: z._default(LedgerFormat, 'xlsx') }).check(
  z.refine((q) => q.from <= q.to, { error: '开始日期应不晚于结束日期 / from must not be after to', path: ['to'] }),
  z.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { error: '最多导出一年 / at most a year', path: ['to'] }),
);
export type LedgerExportInput = z.input<typeof LedgerExportInput>;

export const LedgerExportStatus = z.enum(LEDGER_EXPORT_STATUSES);
export type LedgerExportStatus = z.infer<typeof LedgerExportStatus>;

export const LedgerRows = z.object({
  requests: z.number().check(z.int(), z.nonnegative()),
  cases: z.number().check(z.int(), z.nonnegative()),
  matches: z.number().check(z.int(), z.nonnegative()),
});
export type LedgerRows = z.infer<typeof LedgerRows>;

export const LedgerExport = z.object({
  id: Id,
  from: ChinaDate,
  to: ChinaDate,
  format: LedgerFormat,
  status: LedgerExportStatus,
  requestedAt: IsoTime,
  requestedBy: z.object({ id: Id, name: z.string() }),
  finishedAt: z.optional(IsoTime),
  /** When ready: rows per sheet, the file's name and size. */
  rows: z.optional(LedgerRows),
  fileName: z.optional(z.string()),
  sizeBytes: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** When ready: a download link that works for an hour from this answer. */
  url: z.optional(z.string()),
  urlExpiresAt: z.optional(IsoTime),
  /** When failed: why, in Chinese. */
  error: z.optional(z.string()),
});
export type LedgerExport = z.infer<typeof LedgerExport>;
export const LedgerExportList = z.object({ items: z.array(LedgerExport) });
export type LedgerExportList = z.infer<typeof LedgerExportList>;
