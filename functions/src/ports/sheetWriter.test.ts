import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readXlsx } from './sheets';
import { columnLetters, csvCell, sheetWriter, type Cell, type SheetFormat } from './sheetWriter';

function write(format: SheetFormat, sheets: { name: string; headers: string[]; rows: Cell[][] }[]): Buffer {
  const chunks: Uint8Array[] = [];
  const writer = sheetWriter(format, (chunk) => chunks.push(chunk));
  for (const sheet of sheets) {
    writer.sheet(
      sheet.name,
      sheet.headers.map((header) => ({ header, width: 12 })),
    );
    for (const row of sheet.rows) writer.row(row);
  }
  writer.end();
  return Buffer.concat(chunks);
}

const HOSTILE = '<b>&"引号"</b>\u0000\u0007控制符\u001f 🚚 Ümlaut';

const SHEETS = [
  { name: '诉求台账', headers: ['编号', '企业', '金额'], rows: [['r1', '鑫锐电子', 3000000], ['r2', HOSTILE, 123.45], ['r3', undefined, 0]] },
  { name: '共建案例', headers: ['编号', '公式样'], rows: [['c1', '=SUM(A1:A2)']] },
  { name: '供需对接', headers: ['编号'], rows: [] },
];

describe('XLSX writer, read back by ExcelJS', () => {
  it('writes every sheet in order with its header, text and numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(write('xlsx', SHEETS) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['诉求台账', '共建案例', '供需对接']);
    const requests = book.getWorksheet('诉求台账')!;
    expect(requests.getRow(1).values).toEqual([undefined, '编号', '企业', '金额']);
    expect(requests.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(requests.getCell('C2').value).toBe(3000000);
    expect(requests.getCell('C3').value).toBe(123.45);
    expect(requests.getCell('C4').value).toBe(0);
    expect(requests.getCell('B4').value).toBeNull();
    expect(requests.rowCount).toBe(4);
    expect(requests.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(requests.getColumn(1).width).toBe(12);
    expect(book.getWorksheet('供需对接')!.rowCount).toBe(1);
  });

  it('keeps hostile text as text: markup escaped, control characters dropped, emoji kept, formulas inert', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(write('xlsx', SHEETS) as unknown as ArrayBuffer);
    expect(book.getWorksheet('诉求台账')!.getCell('B3').value).toBe('<b>&"引号"</b>控制符 🚚 Ümlaut');
    const formulaLike = book.getWorksheet('共建案例')!.getCell('B2');
    expect(formulaLike.value).toBe('=SUM(A1:A2)');
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
  });

  it('is also read by the import reader (first sheet)', () => {
    const rows = readXlsx(write('xlsx', SHEETS).toString('base64'));
    expect(rows[0]).toEqual(['编号', '企业', '金额']);
    expect(rows[1]).toEqual(['r1', '鑫锐电子', '3000000']);
  });

  it('streams: a large sheet comes out in many chunks, the first long before the end', () => {
    const chunks: number[] = [];
    const writer = sheetWriter('xlsx', (chunk) => chunks.push(chunk.length));
    writer.sheet('大表', [{ header: '文字', width: 10 }]);
    for (let i = 0; i < 20_000; i++) writer.row([`第 ${i} 行：园区企业服务联盟台账测试文字 ${Math.random()}`]);
    const beforeEnd = chunks.length;
    writer.end();
    expect(beforeEnd).toBeGreaterThan(5);
  });
});

describe('CSV writer: a zip of one UTF-8 file per sheet', () => {
  it('writes a BOM, the header and quoted cells; formula-like text is made plain', () => {
    const files = unzipSync(write('csv', SHEETS));
    expect(Object.keys(files)).toEqual(['诉求台账.csv', '共建案例.csv', '供需对接.csv']);
    const bytes = files['诉求台账.csv']!;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = strFromU8(bytes); // TextDecoder drops the BOM
    expect(text.startsWith('编号,企业,金额\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['编号', '企业', '金额'],
      ['r1', '鑫锐电子', '3000000'],
      ['r2', '<b>&"引号"</b>控制符 🚚 Ümlaut', '123.45'],
      ['r3', '', '0'],
    ]);
    expect(strFromU8(files['共建案例.csv']!)).toContain("'=SUM(A1:A2)");
  });

  it('csvCell quotes separators and neutralises formula starts', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('columnLetters', () => {
  it('counts like Excel', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
