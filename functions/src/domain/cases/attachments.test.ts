import { MAX_CASE_ATTACHMENTS } from '@parklink/contract';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../../test/support/refusal';
import type { User } from '../user';
import { attachToCase, authoriseCaseUpload, caseAttachmentFor, caseAttachmentKey, detachFromCase } from './attachments';
import { draftCase, type CaseRecord } from './case';

const NOW = '2026-11-23T02:00:00.000Z';
const banker: User = { id: 'u-b', parkId: 'p', name: '褚客户经理', roles: ['liaison'], departmentId: 'dept-psbc', departmentName: '邮储银行园区支行' };
const head: User = { id: 'u-bh', parkId: 'p', name: '邮储行长', roles: ['dept_head'], departmentId: 'dept-psbc', departmentName: '邮储银行园区支行' };
const otherBanker: User = { id: 'u-o', parkId: 'p', name: '冯信贷', roles: ['liaison'], departmentId: 'dept-adbc', departmentName: '农业发展银行' };
const xinrui: User = { id: 'u-x', parkId: 'p', name: '张经理', roles: ['enterprise'], enterpriseId: 'ent-xinrui', enterpriseName: '鑫锐电子' };
const hengtong: User = { id: 'u-h', parkId: 'p', name: '刘总', roles: ['enterprise'], enterpriseId: 'ent-hengtong', enterpriseName: '恒通装备' };
const admin: User = { id: 'u-a', parkId: 'p', name: '周书记', roles: ['admin'] };
const elsewhere: User = { ...banker, parkId: 'q' };

const draft = (): CaseRecord =>
  draftCase(
    {
      kind: 'bank',
      title: '设备贷款支持贴片产线',
      enterprises: [{ id: 'ent-xinrui', name: '鑫锐电子' }],
      bank: { instrument: 'loan', amountFen: 300_000_000, grantedOn: '2026-11-20', preferential: false },
      narrative: { difficulty: '缺少设备购置资金', action: '三个工作日完成授信放款' },
      requestIds: [],
    },
    { id: 'dept-psbc', name: '邮储银行园区支行' },
    banker,
    'c1',
    'e1',
    NOW,
  );
const pdf = (uploaderId: string, name = '合同.pdf') => ({ fileName: name, contentType: 'application/pdf' as const, size: 100, uploaderId });
const withFile = (c: CaseRecord, user: User, id: string) => attachToCase(c, user, id, pdf(user.id), `ev-${id}`, NOW)!;

describe('who attaches evidence to a case', () => {
  it('the department and the named enterprises, until it is archived', () => {
    for (const user of [banker, head, xinrui]) expect(authoriseCaseUpload(draft(), user).id).toBe('c1');
    expect(refusal(() => authoriseCaseUpload(draft(), admin))).toMatchObject({ code: 'FORBIDDEN' });
    for (const user of [otherBanker, hengtong, elsewhere]) expect(refusal(() => authoriseCaseUpload(draft(), user))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(() => authoriseCaseUpload({ ...draft(), status: 'closed' }, banker))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(authoriseCaseUpload({ ...draft(), status: 'confirmed' }, banker).id).toBe('c1');
  });

  it('at most the limit, checked again when it is recorded', () => {
    let c = draft();
    for (let i = 0; i < MAX_CASE_ATTACHMENTS; i++) c = withFile(c, banker, `f${i}`);
    expect(c.attachments).toHaveLength(MAX_CASE_ATTACHMENTS);
    expect(refusal(() => attachToCase(c, banker, 'one-more', pdf(banker.id), 'ev', NOW))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'attachments' });
  });

  it('records the file once, with a timeline event, without touching confirmations', () => {
    const c = withFile(draft(), banker, 'f1');
    expect(c).toMatchObject({ version: 2, attachments: [{ id: 'f1', fileName: '合同.pdf', uploadedBy: { id: 'u-b', role: 'liaison' } }] });
    expect(c.timeline.at(-1)).toMatchObject({ type: 'attached', message: '合同.pdf' });
    expect(attachToCase(c, banker, 'f1', pdf(banker.id), 'ev', NOW)).toBeUndefined();
    expect(caseAttachmentKey('p', 'c1', 'f1')).toBe('park/p/case/c1/f1');
  });
});

describe('who downloads and removes it', () => {
  const c = withFile(withFile(draft(), banker, 'contract'), xinrui, 'letter');

  it('whoever sees the case downloads; anyone else hears 404', () => {
    for (const user of [banker, head, xinrui, admin]) expect(caseAttachmentFor(c, user, 'contract').id).toBe('contract');
    for (const user of [otherBanker, hengtong, elsewhere]) expect(refusal(() => caseAttachmentFor(c, user, 'contract'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(() => caseAttachmentFor(c, banker, 'nothing'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the uploader or the department, from a draft only', () => {
    expect(refusal(() => detachFromCase(c, xinrui, 'contract', 'ev', NOW))).toMatchObject({ code: 'FORBIDDEN' });
    expect(detachFromCase(c, xinrui, 'letter', 'ev', NOW).attachments!.map((a) => a.id)).toEqual(['contract']);
    expect(detachFromCase(c, head, 'letter', 'ev', NOW).timeline.at(-1)).toMatchObject({ type: 'detached', message: '合同.pdf' });
    expect(refusal(() => detachFromCase(c, admin, 'letter', 'ev', NOW))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(() => detachFromCase({ ...c, status: 'confirmed' }, banker, 'contract', 'ev', NOW))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
