/**
 * Plain values, no schema (why: see people.ts): the ledger's formats and export states with their
 * labels. ledger.ts builds its enums from these and re-exports them.
 */

export const LEDGER_FORMATS = ['xlsx', 'csv'] as const;
export const ledgerFormatLabels: Record<(typeof LEDGER_FORMATS)[number], string> = { xlsx: 'Excel（三张工作表）', csv: 'CSV（压缩包，三个文件）' };

export const LEDGER_EXPORT_STATUSES = ['running', 'ready', 'failed'] as const;
export const ledgerStatusLabels: Record<(typeof LEDGER_EXPORT_STATUSES)[number], string> = { running: '生成中', ready: '可下载', failed: '生成失败' };
