import { describe, expect, it } from 'vitest';
import { refusal } from '../../../test/support/refusal';
import type { User } from '../user';
import { allowedCaseActions, assertCanViewCase, closeCase, confirmCase, draftCase, draftingDepartment, editCase, type CaseRecord, type NewCase } from './case';
import { summarise, weightedRate } from './summary';

const NOW = '2026-11-23T02:00:00.000Z';
const banker: User = { id: 'u-b', parkId: 'p', name: '褚客户经理', roles: ['liaison'], departmentId: 'dept-psbc', departmentName: '邮储银行园区支行' };
const otherBanker: User = { id: 'u-o', parkId: 'p', name: '冯信贷', roles: ['liaison'], departmentId: 'dept-adbc', departmentName: '农业发展银行' };
const taxman: User = { id: 'u-t', parkId: 'p', name: '孙税务', roles: ['liaison'], departmentId: 'dept-tax', departmentName: '税务分局' };
const xinrui: User = { id: 'u-x', parkId: 'p', name: '张经理', roles: ['enterprise'], enterpriseId: 'ent-xinrui', enterpriseName: '鑫锐电子' };
const hengtong: User = { id: 'u-h', parkId: 'p', name: '刘总', roles: ['enterprise'], enterpriseId: 'ent-hengtong', enterpriseName: '恒通装备' };
const kangyuan: User = { id: 'u-k', parkId: 'p', name: '黄主管', roles: ['enterprise'], enterpriseId: 'ent-kangyuan', enterpriseName: '康源生物' };
const admin: User = { id: 'u-a', parkId: 'p', name: '周书记', roles: ['admin'] };

let seq = 0;
const loanCase = (over: Partial<NewCase> = {}): CaseRecord =>
  draftCase(
    {
      kind: 'bank',
      title: '设备贷款支持贴片产线',
      enterprises: [{ id: 'ent-xinrui', name: '鑫锐电子' }, { id: 'ent-hengtong', name: '恒通装备' }],
      bank: { instrument: 'loan', amountFen: 300_0000_00, rateBp: 385, termMonths: 36, grantedOn: '2026-11-20', preferential: true },
      narrative: { difficulty: '缺少设备购置资金', action: '三个工作日完成授信放款' },
      requestIds: [],
      ...over,
    },
    { id: 'dept-psbc', name: '邮储银行园区支行' },
    banker,
    `c${++seq}`,
    `e${seq}`,
    NOW,
  );

describe('a case’s life', () => {
  it('counts only after every named enterprise confirms, each once', () => {
    const draft = loanCase();
    expect(allowedCaseActions(draft, xinrui)).toEqual(['confirm']);
    expect(allowedCaseActions(draft, banker)).toEqual(['edit']);
    const half = confirmCase(draft, 1, xinrui, 'e-a', NOW);
    expect(half).toMatchObject({ status: 'draft', version: 2 });
    expect(allowedCaseActions(half, xinrui)).toEqual([]);
    const both = confirmCase(half, 2, hengtong, 'e-b', NOW);
    expect(both.status).toBe('confirmed');
    expect(both.enterprises.map((e) => e.confirmedBy)).toEqual(['张经理', '刘总']);
    expect(both.timeline.map((e) => e.type)).toEqual(['drafted', 'confirmed', 'confirmed']);
    expect(closeCase(both, 3, banker, 'e-c', NOW).status).toBe('closed');
  });

  it('lets nobody but the named enterprises confirm, nor confirm an old version or an incomplete draft', () => {
    const draft = loanCase();
    expect(refusal(() => confirmCase(draft, 1, kangyuan, 'e', NOW)).status).toBe(403);
    expect(refusal(() => confirmCase(draft, 1, banker, 'e', NOW)).status).toBe(403);
    expect(refusal(() => confirmCase(draft, 7, xinrui, 'e', NOW)).status).toBe(409);
    const noAmount = loanCase({ bank: { instrument: 'loan', grantedOn: '2026-11-20', preferential: false } });
    expect(allowedCaseActions(noAmount, xinrui)).toEqual([]);
    expect(refusal(() => confirmCase(noAmount, 1, xinrui, 'e', NOW)).status).toBe(409);
  });

  it('lets only the department edit a draft, which withdraws the confirmations given', () => {
    const half = confirmCase(loanCase(), 1, xinrui, 'e', NOW);
    expect(refusal(() => editCase(half, { version: 2, title: '企业自己改标题' }, undefined, xinrui, 'e', NOW)).status).toBe(403);
    expect(refusal(() => editCase(half, { version: 2, title: '别的银行来改' }, undefined, otherBanker, 'e', NOW)).status).toBe(403);
    const raised = editCase(half, { version: 2, bank: { instrument: 'loan', amountFen: 900_0000_00, grantedOn: '2026-11-20', preferential: true } }, undefined, banker, 'e', NOW);
    expect(raised.enterprises.every((e) => !e.confirmedAt)).toBe(true);
    expect(refusal(() => editCase(confirmCase(confirmCase(loanCase(), 1, xinrui, 'e', NOW), 2, hengtong, 'e', NOW), { version: 3, title: '确认后再改' }, undefined, banker, 'e', NOW)).status).toBe(409);
  });

  it('is recorded by the matching kind of department and seen by its parties and the admin only', () => {
    expect(draftingDepartment(banker, 'bank', 'bank')).toEqual({ id: 'dept-psbc', name: '邮储银行园区支行' });
    expect(refusal(() => draftingDepartment(banker, 'tax', 'bank')).status).toBe(403);
    expect(refusal(() => draftingDepartment(xinrui, 'bank', undefined)).status).toBe(403);
    const draft = loanCase();
    for (const user of [banker, xinrui, hengtong, admin]) expect(assertCanViewCase(user, draft)).toBe(draft);
    for (const user of [otherBanker, taxman, kangyuan, { ...admin, parkId: 'q' }]) expect(refusal(() => assertCanViewCase(user, draft)).status).toBe(404);
  });
});

describe('the figures (hand-computed)', () => {
  const confirmed = (c: CaseRecord): CaseRecord => ({ ...c, status: 'confirmed' });
  const tax = (savedFen: number, date: string, service: 'refund' | 'policy_consulting' | 'risk_warning', enterprise: string): CaseRecord => ({
    ...loanCase(),
    kind: 'tax',
    bank: undefined,
    tax: { service, savedFen, policies: ['增值税留抵退税'], date },
    department: { id: 'dept-tax', name: '税务分局' },
    enterprises: [{ id: enterprise, name: enterprise }],
  });
  const cases: CaseRecord[] = [
    // 300 万 at 3.85%, preferential, two enterprises, November.
    confirmed(loanCase()),
    // 1,250,000.55 yuan at 4.20%, a credit line, October.
    confirmed(loanCase({ enterprises: [{ id: 'ent-kangyuan', name: '康源生物' }], bank: { instrument: 'credit_line', amountFen: 1_2500_0055, rateBp: 420, grantedOn: '2026-10-08', preferential: false } })),
    // Equity with no rate: counts in the amount, not the average rate.
    { ...confirmed(loanCase({ bank: { instrument: 'equity', amountFen: 7000_0000_00, grantedOn: '2026-11-30', preferential: false } })), status: 'closed' },
    // Unconfirmed (draft) and out of period: ignored.
    loanCase({ bank: { instrument: 'loan', amountFen: 99_999_999_99, rateBp: 100, grantedOn: '2026-11-21', preferential: true } }),
    confirmed(loanCase({ bank: { instrument: 'loan', amountFen: 5_00, rateBp: 100, grantedOn: '2026-09-30', preferential: true } })),
    confirmed(tax(60_0000_00, '2026-11-02', 'refund', 'ent-yunshang')),
    confirmed(tax(12_345_67, '2026-10-15', 'policy_consulting', 'ent-xinrui')),
    tax(1_000_000_00, '2026-11-03', 'risk_warning', 'ent-qiche'),
  ];

  it('sums in fen, weights the rate by amount, and counts enterprises once', () => {
    const s = summarise(cases, { from: '2026-10-01', to: '2026-11-30' });
    expect(s.cases).toBe(5);
    // ent-xinrui, ent-hengtong (case 1 and 3), ent-kangyuan, ent-yunshang, ent-xinrui again (tax): 4.
    expect(s.enterprisesServed).toBe(4);
    expect(s.bank).toEqual({
      cases: 3,
      amountFen: 300_0000_00 + 1_2500_0055 + 7000_0000_00,
      byInstrument: [
        { instrument: 'loan', cases: 1, amountFen: 300_0000_00 },
        { instrument: 'credit_line', cases: 1, amountFen: 1_2500_0055 },
        { instrument: 'equity', cases: 1, amountFen: 7000_0000_00 },
      ],
      preferentialAmountFen: 300_0000_00,
      // (385 × 300000000 + 420 × 125000055) / 425000055 = 395.2941… → 395
      averageRateBp: 395,
    });
    expect(s.tax).toEqual({
      cases: 2,
      savedFen: 60_0000_00 + 12_345_67,
      byService: [
        { service: 'policy_consulting', cases: 1, savedFen: 12_345_67 },
        { service: 'refund', cases: 1, savedFen: 60_0000_00 },
      ],
    });
    expect(s.byMonth).toEqual([
      { month: '2026-10', cases: 2, amountFen: 1_2500_0055, savedFen: 12_345_67 },
      { month: '2026-11', cases: 3, amountFen: 300_0000_00 + 7000_0000_00, savedFen: 60_0000_00 },
    ]);
    expect(s.byDepartment).toEqual([
      { id: 'dept-psbc', name: '邮储银行园区支行', cases: 3, amountFen: 7425_0000_55, savedFen: 0 },
      { id: 'dept-tax', name: '税务分局', cases: 2, amountFen: 0, savedFen: 61_2345_67 },
    ]);
  });

  it('filters by kind and department, and keeps months without cases', () => {
    const s = summarise(cases, { from: '2026-08-01', to: '2026-09-30', kind: 'bank' });
    expect(s).toMatchObject({ cases: 1, bank: { amountFen: 5_00, averageRateBp: 100 } });
    expect(s.byMonth).toEqual([
      { month: '2026-08', cases: 0, amountFen: 0, savedFen: 0 },
      { month: '2026-09', cases: 1, amountFen: 5_00, savedFen: 0 },
    ]);
    expect(summarise(cases, { from: '2026-10-01', to: '2026-11-30', departmentId: 'dept-tax' }).bank.averageRateBp).toBeUndefined();
  });

  it('rounds the weighted rate half up, exactly, even where rate × amount passes 2^53', () => {
    expect(weightedRate([[1, 1], [2, 1]])).toBe(2); // 1.5 → 2
    expect(weightedRate([[1, 3], [2, 1]])).toBe(1); // 1.25 → 1
    expect(weightedRate([[9999, 9_000_000_000_000], [1, 1]])).toBe(9999);
    expect(weightedRate([])).toBeUndefined();
  });
});
