import { describe, expect, it } from 'vitest';
import { ERASED_NAME, type Attachment } from '@parklink/contract';
import { auditEvent } from './admin/audit';
import { weekendsOnly } from './calendar';
import { confirmCase, draftCase } from './cases/case';
import { DomainError } from './errors';
import { propose, step } from './market/match';
import type { NeedRecord, ResourceRecord } from './market/posts';
import {
  adminWhoStays,
  anonymiseAudit,
  anonymiseCase,
  anonymiseLedgerExport,
  anonymiseMatch,
  anonymiseRequest,
  canRunPark,
  caseForPerson,
  createdAtOf,
  erasedAccount,
  maskOpenid,
  matchForPerson,
  requestForPerson,
  scrub,
  withoutName,
  type AccountRecord,
  type Person,
} from './privacy';
import * as life from './request';
import type { User } from './user';

const NOW = '2026-12-02T02:00:00.000Z';
const E: User = { id: 'u-e', parkId: 'p', name: '张经理', roles: ['enterprise'], enterpriseId: 'e1', enterpriseName: '鑫锐电子' };
const E2: User = { ...E, id: 'u-e2', name: '王会计' };
const L: User = { id: 'u-l', parkId: 'p', name: '李审批', roles: ['liaison'], departmentId: 'd1', departmentName: '审批局' };
const H: User = { ...L, id: 'u-h', name: '王局长', roles: ['dept_head'] };
const A: User = { id: 'u-a', parkId: 'p', name: '周书记', roles: ['admin'] };
const asPerson = (u: User): Person => ({ id: u.id, name: u.name, ...(u.enterpriseId ? { enterpriseId: u.enterpriseId } : {}) });

let tick = 0;
const m = () => ({ now: new Date(Date.parse('2026-11-23T01:00:00.000Z') + ++tick * 60_000).toISOString(), eventId: `ev${String(tick).padStart(4, '0')}`, calendar: weekendsOnly });
const category = { id: 'c1', name: '审批办证', claimSla: { unit: 'hours' as const, amount: 4 }, resolveSla: { unit: 'working_days' as const, amount: 3 }, departments: [{ id: 'd1', name: '审批局' }], fields: [] };
const file = (by: User, id: string): Attachment => ({ id, fileName: `${id}.pdf`, contentType: 'application/pdf', size: 10, uploadedBy: { id: by.id, name: by.name, role: by.roles[0]! }, at: NOW });

/** 张经理 submits, 李审批 claims and replies, 王局长 notes, files from both sides. */
function handled() {
  const submitted = life.submit(E, { categoryId: 'c1', title: '环评审批进度', description: '环评材料提交两周了，想了解进度。', fields: {} }, category, 'r1', m());
  const replied = life.reply(life.claim(submitted, L, m()), L, { message: '材料齐全，本周出结果。' }, m());
  const noted = life.note(replied, H, { message: '请加快' }, m());
  return { ...noted, attachments: [file(E, 'f1'), file(L, 'f2')] };
}

describe('a request anonymised', () => {
  it('renames the person on the timeline, as assignee and as uploader, and nothing of anyone else', () => {
    const before = handled();
    const after = anonymiseRequest(before, asPerson(L))!;
    expect(after.timeline.map((e) => [e.type, e.actor.name])).toEqual([
      ['submitted', '张经理'],
      ['claimed', ERASED_NAME],
      ['replied', ERASED_NAME],
      ['noted', '王局长'],
    ]);
    // Their words, their unit and their id stay: the park's ledger of what was done.
    expect(after.timeline[2]).toMatchObject({ message: '材料齐全，本周出结果。', actor: { id: 'u-l', departmentName: '审批局', role: 'liaison' } });
    expect(after.assignee).toEqual({ id: 'u-l', name: ERASED_NAME, departmentId: 'd1', departmentName: '审批局' });
    expect(after.attachments!.map((a) => a.uploadedBy.name)).toEqual(['张经理', ERASED_NAME]);
    // Everything else as it was: status, clocks, version (the store bumps it when it saves).
    expect({ ...after, timeline: before.timeline, assignee: before.assignee, attachments: before.attachments }).toEqual(before);
  });

  it('answers undefined when the person is not in it, and when it is anonymised already (a second run writes nothing)', () => {
    const before = handled();
    expect(anonymiseRequest(before, asPerson(E2))).toBeUndefined();
    const once = anonymiseRequest(before, asPerson(E))!;
    expect(once.timeline[0]!.actor.name).toBe(ERASED_NAME);
    expect(anonymiseRequest(once, asPerson(E))).toBeUndefined();
  });

  it('never touches the input', () => {
    const before = handled();
    const copy = structuredClone(before);
    anonymiseRequest(before, asPerson(L));
    expect(before).toEqual(copy);
  });
});

describe('other kept records anonymised', () => {
  const need: NeedRecord = { id: 'n1', parkId: 'p', kind: 'financing', title: '设备贷款', description: '', tags: [], expiresAt: '2027-12-01T00:00:00.000Z', status: 'open', owner: { kind: 'enterprise', id: 'e1', name: '鑫锐电子' }, createdAt: NOW, updatedAt: NOW, version: 1, words: [], industry: '电子信息', zone: '东区' };
  const resource: ResourceRecord = { ...need, id: 's1', title: '小微易贷', owner: { kind: 'department', id: 'd1', name: '审批局' }, terms: {}, industries: [], zones: [], succeededMatches: 0 } as unknown as ResourceRecord;

  it('a match: the person’s steps renamed, the other side’s kept', () => {
    const proposed = propose(need, resource, E, '想对接', 'm1', 'me1', NOW);
    const accepted = step(proposed, L, { action: 'accept' }, 'me2', NOW);
    const after = anonymiseMatch(accepted, asPerson(E))!;
    expect(after.timeline.map((e) => e.actor.name)).toEqual([ERASED_NAME, '李审批']);
    expect(anonymiseMatch(after, asPerson(E))).toBeUndefined();
    expect(matchForPerson(accepted, asPerson(E), 'need')).toEqual({ id: 'm1', needTitle: '设备贷款', resourceTitle: '小微易贷', status: 'in_progress', createdAt: NOW, side: 'need', contributions: [{ type: 'proposed', at: NOW, message: '想对接' }] });
    expect(matchForPerson(accepted, asPerson(E2), 'need')).toBeUndefined();
  });

  it('a case: the drafter, the confirmation given for their enterprise (a name only), their files', () => {
    const banker: User = { ...L, departmentId: 'd-bank', departmentName: '邮储银行' };
    const draft = draftCase({ kind: 'bank', title: '贴片产线贷款', enterprises: [{ id: 'e1', name: '鑫锐电子' }, { id: 'e9', name: '恒通装备' }], bank: { instrument: 'loan', amountFen: 100, grantedOn: '2026-11-20', preferential: false }, narrative: { difficulty: '缺资金', action: '放款' }, requestIds: [] }, { id: 'd-bank', name: '邮储银行' }, banker, 'k1', 'ke1', NOW);
    const confirmed = { ...confirmCase(draft, 1, E, 'ke2', NOW), attachments: [file(E, 'f3')] };
    const after = anonymiseCase(confirmed, asPerson(E))!;
    expect(after.timeline.map((e) => e.actor.name)).toEqual(['李审批', ERASED_NAME]);
    expect(after.enterprises).toEqual([{ id: 'e1', name: '鑫锐电子', confirmedAt: NOW, confirmedBy: ERASED_NAME }, { id: 'e9', name: '恒通装备' }]);
    expect(after.attachments![0]!.uploadedBy.name).toBe(ERASED_NAME);
    expect(anonymiseCase(after, asPerson(E))).toBeUndefined();
    // Another contact of the same enterprise with another name did not confirm it.
    expect(anonymiseCase(confirmed, asPerson(E2))).toBeUndefined();
    expect(caseForPerson(confirmed, asPerson(E))).toMatchObject({ id: 'k1', contributions: [{ type: 'confirmed' }], files: [{ fileName: 'f3.pdf' }] });
  });

  it('an audit event: as the admin who made it, or as the member it is about (names before and after)', () => {
    const invited = auditEvent(A, 'member.invite', { type: 'member', id: 'u-new', name: '许律师' }, { after: { name: '许律师', roles: ['liaison'] } }, 'a1', NOW);
    expect(anonymiseAudit(invited, { id: 'u-new', name: '许律师' })).toMatchObject({ actor: { name: '周书记' }, target: { id: 'u-new', name: ERASED_NAME }, after: { name: ERASED_NAME, roles: ['liaison'] } });
    expect(anonymiseAudit(invited, asPerson(A))).toMatchObject({ actor: { id: 'u-a', name: ERASED_NAME }, target: { name: '许律师' }, after: { name: '许律师' } });
    // An enterprise renamed is no person: a name field there is kept.
    const renamed = auditEvent(A, 'enterprise.update', { type: 'enterprise', id: 'u-new', name: '新名' }, { before: { name: '旧名' }, after: { name: '新名' } }, 'a2', NOW);
    expect(anonymiseAudit(renamed, { id: 'u-new', name: '许律师' })).toBeUndefined();
  });

  it('a ledger export: who asked for it', () => {
    const record = { id: 'x1', parkId: 'p', from: '2026-11-01', to: '2026-11-30', format: 'xlsx' as const, status: 'ready' as const, requestedAt: NOW, requestedBy: { id: 'u-a', name: '周书记' } };
    expect(anonymiseLedgerExport(record, asPerson(A))!.requestedBy).toEqual({ id: 'u-a', name: ERASED_NAME });
    expect(anonymiseLedgerExport(record, asPerson(L))).toBeUndefined();
  });
});

describe('any stored item scrubbed (the full pass)', () => {
  const wei: Person = { id: 'u-wei', name: '魏联络', stationIds: ['st-1'] };

  it('renames references by id, replaces the full name in free text, and leaves keys, ids and names of things', () => {
    const item = {
      pk: 'PARK#p',
      sk: 'REQ#r9',
      gsi3pk: 'PARK#p#ASSIGNEE#u-wei',
      entity: 'Request',
      id: 'r9',
      version: 4,
      title: '请魏联络协助',
      enterpriseName: '魏联络五金店',
      timeline: [
        { id: 'e1', type: 'replied', actor: { id: 'u-wei', name: '魏联络', role: 'liaison', departmentName: '审批局' }, message: '魏联络：已受理，魏联络会跟进。' },
        // Another person of the same name: matched by id, so kept.
        { id: 'e2', type: 'noted', actor: { id: 'u-other', name: '魏联络', role: 'dept_head' }, message: '收到' },
      ],
      attachments: [{ id: 'f1', fileName: '魏联络的说明.pdf', uploadedBy: { id: 'u-wei', name: '魏联络', role: 'liaison' } }],
      fields: [{ key: 'note', label: '备注', value: ['联系魏联络'] }],
    };
    const changes = scrub(item, wei)!;
    // Not the keys (gsi3pk holds their id), not the enterprise's name that happens to hold theirs.
    expect(Object.keys(changes).sort()).toEqual(['attachments', 'fields', 'timeline', 'title']);
    expect(changes.title).toBe(`请${ERASED_NAME}协助`);
    const timeline = changes.timeline as typeof item.timeline;
    expect(timeline[0]).toEqual({ ...item.timeline[0], actor: { ...item.timeline[0]!.actor, name: ERASED_NAME }, message: `${ERASED_NAME}：已受理，${ERASED_NAME}会跟进。` });
    expect(timeline[1]).toBe(item.timeline[1]);
    expect(changes.attachments).toEqual([{ id: 'f1', fileName: `${ERASED_NAME}的说明.pdf`, uploadedBy: { id: 'u-wei', name: ERASED_NAME, role: 'liaison' } }]);
    // `fields` answers are free text too, when they are strings.
    expect(changes.fields).toEqual([{ key: 'note', label: '备注', value: [`联系${ERASED_NAME}`] }]);
    // Done once, nothing left: a second run writes nothing.
    expect(scrub({ ...item, ...changes }, wei)).toBeUndefined();
  });

  it('takes them off the lists of who acts, and renames their resolution of a station they could resolve only', () => {
    expect(scrub({ id: 'st-1', hostIds: ['u-a', 'u-wei'], name: '服务中心驿站' }, wei)).toEqual({ hostIds: ['u-a'] });
    expect(scrub({ id: 'd1', headUserIds: ['u-wei'], adminUserIds: ['u-x'] }, wei)).toEqual({ headUserIds: [] });
    expect(scrub({ id: 'rp1', stationId: 'st-1', resolvedBy: '魏联络', resolution: '已修好' }, wei)).toEqual({ resolvedBy: ERASED_NAME });
    expect(scrub({ id: 'rp2', stationId: 'st-2', resolvedBy: '魏联络' }, wei)).toBeUndefined();
  });

  it('an inbox message’s title and body; a post’s search words made again from its text', () => {
    expect(scrub({ pk: 'INBOX#u-e', sk: 'N#1', userId: 'u-e', title: '诉求有新答复', body: '审批局 魏联络答复了「环评」' }, wei)).toEqual({ body: `审批局 ${ERASED_NAME}答复了「环评」` });
    const post = { id: 'n1', title: '魏联络推荐的设备贷款', description: '需要设备贷款', tags: [], words: ['魏联络', '推荐', '设备', '贷款'], owner: { kind: 'enterprise', id: 'e1', name: '鑫锐电子' } };
    const changes = scrub(post, wei)!;
    expect(changes.title).toBe(`${ERASED_NAME}推荐的设备贷款`);
    expect(changes.words).not.toContain('魏联络');
    expect(changes.words).toEqual(expect.arrayContaining(['设备', '贷款']));
    expect(changes).not.toHaveProperty('owner');
  });

  it('replaces names to the end, and never a name too short or inside 已注销用户', () => {
    expect(withoutName('户AA', '户A')).toBe('已注销用已注销用户');
    expect(withoutName(withoutName('户AA', '户A'), '户A')).toBe(withoutName('户AA', '户A'));
    expect(withoutName('王说了', '王')).toBe('王说了');
    expect(withoutName('已注销用户说', '注销')).toBe('已注销用户说');
    expect(scrub({ id: 'x', actor: { id: 'u-z', name: '注销' }, message: '注销了' }, { id: 'u-z', name: '注销' })).toEqual({ actor: { id: 'u-z', name: ERASED_NAME } });
  });

  it('leaves whole the longer names that hold theirs (another member’s, an enterprise’s)', () => {
    const li: Person = { id: 'u-li', name: '李明', keep: ['李明远', '李明五金店'] };
    expect(withoutName('李明转给李明远，抄送李明五金店。李明', li.name, li.keep)).toBe(`${ERASED_NAME}转给李明远，抄送李明五金店。${ERASED_NAME}`);
    expect(scrub({ id: 'r', description: '李明远说李明已答复' }, li)).toEqual({ description: `李明远说${ERASED_NAME}已答复` });
    expect(scrub({ id: 'r', description: '李明远' }, li)).toBeUndefined();
  });

  it('never touches the input', () => {
    const item = { id: 'r1', timeline: [{ id: 'e', actor: { id: 'u-wei', name: '魏联络' }, message: '魏联络' }] };
    const copy = structuredClone(item);
    scrub(item, wei);
    expect(item).toEqual(copy);
  });
});

describe('the account', () => {
  const account = (over: Partial<AccountRecord> = {}): AccountRecord => ({ id: 'u-a', parkId: 'p', name: '周书记', roles: ['admin'], openid: 'oWx123456789', version: 3, ...over });

  it('erased keeps its id and park only', () => {
    expect(erasedAccount(account({ departmentId: 'd1', departmentName: '审批局', inviteCode: 'ABC', demo: true }), NOW)).toEqual({ id: 'u-a', parkId: 'p', name: ERASED_NAME, roles: [], erased: true, erasedAt: NOW, version: 4 });
  });

  it('the last admin who can run the park may not go; with another one they may', () => {
    const me = account();
    const refusal = () => adminWhoStays(me, [me, account({ id: 'u-b', suspended: true }), account({ id: 'u-c', erased: true }), account({ id: 'u-d', openid: undefined, inviteCode: 'X', inviteExpiresAt: '2026-12-01T00:00:00.000Z' })], NOW);
    expect(refusal).toThrow(DomainError);
    expect(refusal).toThrow(expect.objectContaining({ code: 'CONFLICT', messageZh: expect.stringContaining('唯一的管理员') }));
    const other = account({ id: 'u-e', openid: undefined, inviteCode: 'Y', inviteExpiresAt: '2026-12-09T00:00:00.000Z' });
    expect(adminWhoStays(me, [me, other], NOW)).toBe(other);
    expect(adminWhoStays(account({ roles: ['liaison'] }), [], NOW)).toBeUndefined();
    expect(canRunPark(account({ openid: undefined, demo: true }), NOW)).toBe(true);
    expect(canRunPark(account({ roles: ['liaison'] }), NOW)).toBe(false);
  });
});

describe('what is the person’s', () => {
  it('a request lists their parts, their words and files only', () => {
    const r = handled();
    expect(requestForPerson(r, asPerson(L))).toMatchObject({ id: 'r1', parts: ['handler'], contributions: [{ type: 'claimed' }, { type: 'replied', message: '材料齐全，本周出结果。' }], files: [{ fileName: 'f2.pdf' }] });
    expect(requestForPerson(r, asPerson(E))).toMatchObject({ parts: ['submitter'], contributions: [{ type: 'submitted' }], files: [{ fileName: 'f1.pdf' }] });
    expect(requestForPerson(r, asPerson(H))).toMatchObject({ parts: ['participant'], contributions: [{ type: 'noted', message: '请加快' }], files: [] });
    expect(requestForPerson(r, asPerson(E2))).toBeUndefined();
  });

  it('masks an openid and dates an invited account by its id', () => {
    expect(maskOpenid('oWx123456789')).toBe('oWx***89');
    expect(maskOpenid('short')).toBe('***');
    expect(createdAtOf('01KBX5Q5T0AAAAAAAAAAAAAAAA')).toMatch(/^20\d\d-/);
    expect(createdAtOf('u-admin')).toBeUndefined();
  });
});
