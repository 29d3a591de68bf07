/**
 * Checking a sheet of enterprises before anything is written: the header names the columns (in
 * Chinese as parks keep them, or English), every row is checked like a single registration —
 * name, credit code and its check character, industry and zone from the park's lists — and for
 * repeats within the file and against the park's register. The report names every problem.
 */
import type { ImportReport, ImportRowReport } from '@parklink/contract';
import { isValidCreditCode } from '../creditCode';

export interface ImportCandidate {
  row: number;
  name: string;
  creditCode: string;
  industry: string;
  zone: string;
}

const COLUMNS: Record<keyof Omit<ImportCandidate, 'row'>, string[]> = {
  name: ['企业名称', '单位名称', '名称', 'name'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', 'creditcode', 'credit_code'],
  industry: ['行业', '所属行业', 'industry'],
  zone: ['片区', '所在片区', '园区片区', 'zone'],
};

const clean = (s: string | undefined) => (s ?? '').replace(/^\uFEFF/, '').trim();

export interface ParkLists {
  zones: string[];
  industries: string[];
  /** Credit codes already registered in the park. */
  registered: Set<string>;
}

export function checkSheet(rows: string[][], lists: ParkLists, maxRows: number): { report: Omit<ImportReport, 'dryRun' | 'imported'>; valid: ImportCandidate[] } {
  const [header = [], ...body] = rows.filter((r) => r.some((cell) => clean(cell) !== ''));
  const names = header.map((h) => clean(h).toLowerCase().replace(/\s+/g, ''));
  const index = Object.fromEntries(Object.entries(COLUMNS).map(([key, aliases]) => [key, names.findIndex((n) => aliases.includes(n))])) as Record<keyof typeof COLUMNS, number>;
  const missing = Object.entries(index).filter(([, i]) => i < 0).map(([key]) => COLUMNS[key as keyof typeof COLUMNS][0]!);
  if (missing.length) return { report: { total: body.length, valid: 0, invalid: body.length, rows: [], fileErrors: [`缺少列：${missing.join('、')}（第 1 行应为表头）`] }, valid: [] };
  if (body.length > maxRows) return { report: { total: body.length, valid: 0, invalid: body.length, rows: [], fileErrors: [`一次最多导入 ${maxRows} 行，本文件有 ${body.length} 行`] }, valid: [] };

  const seen = new Map<string, number>();
  const reports: ImportRowReport[] = [];
  const valid: ImportCandidate[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const candidate: ImportCandidate = {
      row,
      name: clean(cells[index.name]),
      creditCode: clean(cells[index.creditCode]).toUpperCase(),
      industry: clean(cells[index.industry]),
      zone: clean(cells[index.zone]),
    };
    const errors = rowErrors(candidate, lists, seen);
    if (!seen.has(candidate.creditCode) && candidate.creditCode) seen.set(candidate.creditCode, row);
    if (errors.length) reports.push({ row, name: candidate.name, creditCode: candidate.creditCode, errors });
    else valid.push(candidate);
  });
  return { report: { total: body.length, valid: valid.length, invalid: reports.length, rows: reports, fileErrors: [] }, valid };
}

function rowErrors(c: ImportCandidate, lists: ParkLists, seen: Map<string, number>): ImportRowReport['errors'] {
  const errors: ImportRowReport['errors'] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (!c.name) add('name', '企业名称不能为空');
  else if ([...c.name].length > 60) add('name', '企业名称最多 60 个字');
  if (!c.creditCode) add('creditCode', '统一社会信用代码不能为空');
  else if (c.creditCode.length !== 18) add('creditCode', `统一社会信用代码应为 18 位（现为 ${c.creditCode.length} 位）`);
  else if (!isValidCreditCode(c.creditCode)) add('creditCode', '统一社会信用代码校验不通过');
  else if (seen.has(c.creditCode)) add('creditCode', `与第 ${seen.get(c.creditCode)} 行的代码重复`);
  else if (lists.registered.has(c.creditCode)) add('creditCode', '该代码已在园区登记');
  if (!c.industry) add('industry', '行业不能为空');
  else if (lists.industries.length && !lists.industries.includes(c.industry)) add('industry', `行业「${c.industry}」不在园区行业列表中`);
  if (!c.zone) add('zone', '片区不能为空');
  else if (lists.zones.length && !lists.zones.includes(c.zone)) add('zone', `片区「${c.zone}」不在园区片区列表中`);
  return errors;
}
