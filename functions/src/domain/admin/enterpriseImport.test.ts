import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../creditCode';
import { checkSheet } from './enterpriseImport';

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const lists = { zones: ['东区', '西区'], industries: ['电子信息', '装备制造'], registered: new Set([code('91510100MA61R8XK2')]) };
const header = ['企业名称', '统一社会信用代码', '行业', '片区'];

describe('checking a sheet of enterprises', () => {
  it('accepts good rows and names every problem of the others, by row and field', () => {
    const good = code('91210500MA0Y7K3L4');
    const wrong = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
    const { report, valid } = checkSheet(
      [
        ['\uFEFF企业名称', '统一社会信用代码', '行业', '片区'],
        ['北方精密机械有限公司', good.toLowerCase(), '装备制造', '西区'],
        ['校验失败公司', wrong, '装备制造', '西区'],
        ['重复代码公司', good, '电子信息', '东区'],
        ['已登记公司', code('91510100MA61R8XK2'), '电子信息', '东区'],
        ['', '123', '航天', '月球'],
        ['', '', '', ''],
      ],
      lists,
      100,
    );
    expect(valid).toEqual([{ row: 2, name: '北方精密机械有限公司', creditCode: good, industry: '装备制造', zone: '西区' }]);
    expect(report).toMatchObject({ total: 5, valid: 1, invalid: 4, fileErrors: [] });
    expect(report.rows.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.message}`)])).toEqual([
      [3, ['creditCode:统一社会信用代码校验不通过']],
      [4, ['creditCode:与第 2 行的代码重复']],
      [5, ['creditCode:该代码已在园区登记']],
      [6, ['name:企业名称不能为空', 'creditCode:统一社会信用代码应为 18 位（现为 3 位）', 'industry:行业「航天」不在园区行业列表中', 'zone:片区「月球」不在园区片区列表中']],
    ]);
  });

  it('reads English headers in any order, and refuses a sheet without the needed columns or too long', () => {
    const good = code('91210500MA0Y7K3M5');
    expect(checkSheet([['zone', 'Name', 'industry', 'creditCode'], ['东区', '甲公司', '电子信息', good]], lists, 10).valid).toHaveLength(1);
    expect(checkSheet([['企业名称', '行业'], ['甲公司', '电子信息']], lists, 10).report.fileErrors).toEqual(['缺少列：统一社会信用代码、片区（第 1 行应为表头）']);
    expect(checkSheet([header, ...Array.from({ length: 11 }, () => ['甲', good, '电子信息', '东区'])], lists, 10).report.fileErrors[0]).toBe('一次最多导入 10 行，本文件有 11 行');
  });
});
