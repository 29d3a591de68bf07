import * as z from './zod';
import { ChinaDate, Id, IsoTime } from './common';

/**
 * The ledger (台账) a park sends upward: one row per request of the period, a sheet of co-building
 * cases and a sheet of matches. Made by a background job into object storage because a big park's
 * year does not fit API Gateway's 30-second limit; the admin starts it, then downloads it by link.
 */
export const LedgerFormat = z.enum(['xlsx', 'csv']);
export type LedgerFormat = z.infer<typeof LedgerFormat>;
export const ledgerFormatLabels: Record<LedgerFormat, string> = { xlsx: 'Excel（三张工作表）', csv: 'CSV（压缩包，三个文件）' };

export const LedgerExportInput = z.object({ from: ChinaDate, to: ChinaDate, format: z._default(LedgerFormat, 'xlsx') }).check(
  z.refine((q) => q.from <= q.to, { error: '开始日期应不晚于结束日期 / from must not be after to', path: ['to'] }),
  z.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { error: '最多导出一年 / at most a year', path: ['to'] }),
);
export type LedgerExportInput = z.input<typeof LedgerExportInput>;

export const LedgerExportStatus = z.enum(['running', 'ready', 'failed']);
export type LedgerExportStatus = z.infer<typeof LedgerExportStatus>;
export const ledgerStatusLabels: Record<LedgerExportStatus, string> = { running: '生成中', ready: '可下载', failed: '生成失败' };

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
