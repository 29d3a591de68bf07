/**
 * Writing workbooks a row at a time, so a ledger of 100,000 rows never sits in memory: XLSX (the
 * Office Open XML parts, each worksheet deflated by fflate's streaming zip as its rows arrive) or
 * a zip of CSV files (UTF-8 with a BOM, which Excel needs to read Chinese). Output leaves through
 * `onChunk` as the zip produces it.
 *
 * Why not ExcelJS: its streaming writer is the right idea but weighs about a megabyte in a Lambda
 * bundle (the budget is 150 KB); a ledger needs text and numbers in rows, a bold header, widths and
 * a frozen first row, which is this much XML. The tests read the files back with ExcelJS.
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export type Cell = string | number | undefined;

export interface Column {
  header: string;
  /** In characters (Excel's unit); CJK characters count about two. */
  width: number;
}

export interface SheetWriter {
  /** Starts the next sheet (ending the one before); sheets appear in the order started. */
  sheet(name: string, columns: Column[]): void;
  row(cells: Cell[]): void;
  /** Ends the last sheet and the file; `onChunk` has then received every byte. */
  end(): void;
}

export type SheetFormat = 'xlsx' | 'csv';

export function sheetWriter(format: SheetFormat, onChunk: (chunk: Uint8Array) => void): SheetWriter {
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    onChunk(chunk);
  });
  return format === 'xlsx' ? xlsxWriter(zip) : csvZipWriter(zip);
}

/** Excel's limit for one cell's text. */
const MAX_CELL_TEXT = 32_767;

/** XML 1.0 forbids most control characters even escaped: drop them, or the file does not open. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(value: string): string {
  return value
    .slice(0, MAX_CELL_TEXT)
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/** Text gathered before it is deflated: one push per row would make the compressor crawl. */
const BATCH_CHARS = 64 * 1024;

/** A deflated zip entry that takes text. */
function textEntry(zip: Zip, path: string) {
  const file = new ZipDeflate(path, { level: 6 });
  zip.add(file);
  let pending: string[] = [];
  let size = 0;
  return {
    write(text: string) {
      pending.push(text);
      size += text.length;
      if (size < BATCH_CHARS) return;
      file.push(strToU8(pending.join('')));
      pending = [];
      size = 0;
    },
    end(text = '') {
      pending.push(text);
      file.push(strToU8(pending.join('')), true);
    },
  };
}

function addWhole(zip: Zip, path: string, text: string) {
  const file = new ZipPassThrough(path);
  zip.add(file);
  file.push(strToU8(text), true);
}

function xlsxWriter(zip: Zip): SheetWriter {
  const names: string[] = [];
  let current: { entry: ReturnType<typeof textEntry>; rowNumber: number } | undefined;

  const endSheet = () => {
    if (!current) return;
    current.entry.end('</sheetData></worksheet>');
    current = undefined;
  };

  const writeRow = (cells: Cell[], style?: number) => {
    if (!current) throw new Error('row before sheet');
    const r = ++current.rowNumber;
    const s = style ? ` s="${style}"` : '';
    let xml = `<row r="${r}">`;
    cells.forEach((cell, i) => {
      if (cell === undefined || cell === '') return;
      const ref = `${columnLetters(i)}${r}`;
      xml +=
        typeof cell === 'number' && Number.isFinite(cell)
          ? `<c r="${ref}"${s}><v>${cell}</v></c>`
          : `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(cell))}</t></is></c>`;
    });
    current.entry.write(`${xml}</row>`);
  };

  return {
    sheet(name, columns) {
      endSheet();
      names.push(sheetName(name));
      const entry = textEntry(zip, `xl/worksheets/sheet${names.length}.xml`);
      const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
      entry.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
          // The header stays in view while scrolling a long ledger.
          '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
          `<cols>${cols}</cols><sheetData>`,
      );
      current = { entry, rowNumber: 0 };
      writeRow(
        columns.map((c) => c.header),
        1,
      );
    },
    row: (cells) => writeRow(cells),
    end() {
      endSheet();
      addWhole(zip, '[Content_Types].xml', contentTypes(names.length));
      addWhole(zip, '_rels/.rels', ROOT_RELS);
      addWhole(zip, 'xl/workbook.xml', workbook(names));
      addWhole(zip, 'xl/_rels/workbook.xml.rels', workbookRels(names.length));
      addWhole(zip, 'xl/styles.xml', STYLES);
      zip.end();
    },
  };
}

/** Spreadsheet programs run a CSV cell that starts like a formula: make such text plain (CSV injection). */
export function csvCell(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  let text = cell.slice(0, MAX_CELL_TEXT).replace(XML_INVALID, '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvZipWriter(zip: Zip): SheetWriter {
  let current: ReturnType<typeof textEntry> | undefined;
  const line = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return {
    sheet(name, columns) {
      current?.end();
      current = textEntry(zip, `${sheetName(name)}.csv`);
      current.write(`\uFEFF${line(columns.map((c) => c.header))}`);
    },
    row(cells) {
      if (!current) throw new Error('row before sheet');
      current.write(line(cells));
    },
    end() {
      current?.end();
      zip.end();
    },
  };
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const contentTypes = (sheets: number) =>
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('') +
  '</Types>';

const ROOT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const workbook = (names: string[]) =>
  XML_HEAD +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
  names.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
  '</sheets></workbook>';

const workbookRels = (sheets: number) =>
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  Array.from(
    { length: sheets },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('') +
  `<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
  '</Relationships>';

/** Style 0: plain; style 1: bold on grey, the header row. */
const STYLES =
  XML_HEAD +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFEEEEEE"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
