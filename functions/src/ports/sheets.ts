/**
 * Reading the sheets parks already keep: CSV (papaparse: quotes, embedded commas and newlines, a
 * BOM) and XLSX (a zip of XML, unzipped by fflate; the first sheet's cells as text, shared and
 * inline strings, numbers as written). Both give rows of cells; checking them is the domain's job.
 *
 * Why not a spreadsheet library: the ones that read XLSX fully weigh a megabyte in a Lambda
 * bundle; a sheet of enterprises needs only cell text.
 */
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';

export function readCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return parsed.data.map((row) => row.map((cell) => String(cell ?? '')));
}

export class SheetError extends Error {}

export function readXlsx(base64: string): string[][] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(Buffer.from(base64, 'base64'), { filter: (f) => f.name.startsWith('xl/') });
  } catch {
    throw new SheetError('not a zip file');
  }
  const text = (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  const sheet = text(firstSheetPath(text('xl/workbook.xml'), text('xl/_rels/workbook.xml.rels')));
  if (!sheet) throw new SheetError('no worksheet');
  const shared = sharedStrings(text('xl/sharedStrings.xml'));
  const rows: string[][] = [];
  for (const row of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const cell of row[1]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cell[1]!;
      const column = columnIndex(/\br="([A-Z]+)\d+"/.exec(attrs)?.[1]) ?? cells.length;
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const body = cell[2] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const content = type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' ? joinText(body) : decode(value ?? '');
      while (cells.length < column) cells.push('');
      cells[column] = content;
    }
    rows.push(cells);
  }
  return rows;
}

/** The first sheet of the workbook, by its relationship id (sheet files may be named anything). */
function firstSheetPath(workbook: string | undefined, rels: string | undefined): string {
  const rid = workbook && /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const target = rid && rels ? new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1] : undefined;
  if (!target) return 'xl/worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) => joinText(si[1]!));
}

/** A string item's text: every <t> run joined (rich text splits one string into runs). */
const joinText = (xml: string) => [...xml.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decode(t[1]!)).join('');

const decode = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name]!,
  );

/** 'A' → 0, 'Z' → 25, 'AA' → 26. */
function columnIndex(letters: string | undefined): number | undefined {
  if (!letters) return undefined;
  return [...letters].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0) - 1;
}
