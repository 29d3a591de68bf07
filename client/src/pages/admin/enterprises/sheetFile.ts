import Taro from '@tarojs/taro';
import type { ImportEnterprisesInput } from '@parklink/contract';

/** A sheet ready to send: what the import route takes (CSV as text, XLSX as base64). */
export interface SheetFile {
  name: string;
  size: number;
  format: ImportEnterprisesInput['format'];
  content: string;
}

/** The route takes at most 2 MB of file. */
const MAX_BYTES = 2 * 1024 * 1024;
export const SHEET_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function formatOf(name: string): SheetFile['format'] | null {
  const ext = name.split('.').pop()?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
}

function checked(name: string, size: number): SheetFile['format'] {
  const format = formatOf(name);
  if (!format) throw new Error('请选择 CSV 或 XLSX 表格（.xls 请先另存为 .xlsx）');
  if (size > MAX_BYTES) throw new Error('文件不超过 2 MB，请分批导入');
  return format;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with one argument per byte overflows the stack on big files.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** CSV text: UTF-8 when it is; otherwise GB18030, which Excel on a Chinese Windows writes by default. */
function csvText(buffer: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** h5: a file from the browser's file input. */
export async function readBrowserSheet(file: File): Promise<SheetFile> {
  const format = checked(file.name, file.size);
  const buffer = await file.arrayBuffer();
  return { name: file.name, size: file.size, format, content: format === 'csv' ? csvText(buffer) : base64(new Uint8Array(buffer)) };
}

function readTemp(filePath: string, encoding: 'utf8' | 'base64'): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding,
      success: (res) => resolve(res.data as string),
      fail: (err) => reject(new Error(err.errMsg || '读取文件失败')),
    });
  });
}

/**
 * weapp: a sheet from a chat (that is where files live on a phone). The file system reads CSV as
 * UTF-8 only, so a CSV saved in another encoding shows as unknown columns in the check.
 * Resolves with null when the user cancels.
 */
export async function pickSheetInMiniProgram(): Promise<SheetFile | null> {
  let picked: { path: string; size: number; name: string } | undefined;
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
    picked = res.tempFiles[0];
  } catch {
    return null; // cancelled
  }
  if (!picked) return null;
  const format = checked(picked.name, picked.size);
  const content = await readTemp(picked.path, format === 'csv' ? 'utf8' : 'base64');
  return { name: picked.name, size: picked.size, format, content };
}
