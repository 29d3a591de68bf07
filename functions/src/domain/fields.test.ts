import { describe, expect, it } from 'vitest';
import type { CategoryField } from '@parklink/contract';
import { DomainError } from './errors';
import { answerFields } from './fields';

const finance: CategoryField[] = [
  { key: 'amount', label: '融资金额', type: 'number', required: true, min: 1, max: 100000, unit: '万元' },
  {
    key: 'purpose',
    label: '资金用途',
    type: 'single_choice',
    required: true,
    options: [
      { value: 'working_capital', label: '流动资金' },
      { value: 'equipment', label: '设备购置' },
    ],
  },
  { key: 'guarantees', label: '可提供担保', type: 'multi_choice', required: false, options: [{ value: 'property', label: '房产抵押' }, { value: 'ip', label: '知识产权质押' }] },
  { key: 'neededBy', label: '期望放款日期', type: 'date', required: false },
  { key: 'note', label: '补充说明', type: 'string', required: false, maxLength: 10 },
];

function errorsOf(values: Record<string, unknown>) {
  try {
    answerFields(finance, values as never);
  } catch (error) {
    return (error as DomainError).fields!.map((f) => [f.field, f.message]);
  }
  throw new Error('expected errors');
}

describe('category fields', () => {
  it('stores answers with labels and display texts', () => {
    expect(answerFields(finance, { amount: 500, purpose: 'equipment', guarantees: ['property', 'ip'], neededBy: '2026-12-31' })).toEqual([
      { key: 'amount', label: '融资金额', value: 500, display: '500万元' },
      { key: 'purpose', label: '资金用途', value: 'equipment', display: '设备购置' },
      { key: 'guarantees', label: '可提供担保', value: ['property', 'ip'], display: '房产抵押、知识产权质押' },
      { key: 'neededBy', label: '期望放款日期', value: '2026-12-31', display: '2026-12-31' },
    ]);
  });

  it('reports every problem at once, by field, in Chinese', () => {
    expect(errorsOf({ amount: 0, purpose: 'yacht', neededBy: '2026-02-30', note: '这段补充说明明显超过了十个字', extra: 1 })).toEqual([
      ['fields.extra', '该类别没有此项'],
      ['fields.amount', '融资金额不能小于 1万元'],
      ['fields.purpose', '资金用途的选项无效'],
      ['fields.neededBy', '期望放款日期应为有效日期（年-月-日）'],
      ['fields.note', '补充说明最多 10 字'],
    ]);
  });

  it('requires what is required and checks types', () => {
    expect(errorsOf({})).toEqual([
      ['fields.amount', '请填写融资金额'],
      ['fields.purpose', '请填写资金用途'],
    ]);
    expect(errorsOf({ amount: '500', purpose: ['equipment'], guarantees: ['ip', 'ip'] })).toEqual([
      ['fields.amount', '融资金额应为数字'],
      ['fields.purpose', '资金用途请选择一项'],
      ['fields.guarantees', '可提供担保的选项无效'],
    ]);
  });
});
