/**
 * Everything ParkLink holds about the signed-in person (PIPL, `GET /v1/me/data`): their account,
 * consents and inbox, and the records where they act — read by the indexes that reach them
 * (store/privacy.ts), so the answer costs a few queries, never a scan of the park. What no index
 * of theirs reaches is said in `notes` rather than searched for.
 */
import type { MyData } from '@parklink/contract';
import { notFound } from '../domain/errors';
import { caseForPerson, createdAtOf, maskOpenid, matchForPerson, requestForPerson, type Person } from '../domain/privacy';
import type { User } from '../domain/user';
import type { Deps } from '../http/deps';
import { directory } from '../store/directory';
import { inboxStore } from '../store/inbox';
import { privacyStore, type Reach } from '../store/privacy';
import { pushStore } from '../store/push';

/** Inbox messages listed, newest first (the inbox page reads on by cursor). */
const INBOX_LIMIT = 200;

export async function personalData(deps: Deps, user: User): Promise<MyData> {
  const { db } = deps;
  const [record, park] = await Promise.all([privacyStore.account(db, user.parkId, user.id), directory.getPark(db, user.parkId)]);
  if (!record || !park) throw notFound('账号', 'account');
  const person: Person = { id: user.id, name: user.name, ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}) };
  const reach: Reach = { parkId: user.parkId, userId: user.id, ...(user.departmentId ? { departmentId: user.departmentId } : {}), ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}) };
  const [boundAt, consents, inbox, unread, requests, matches, cases] = await Promise.all([
    record.openid ? privacyStore.boundAt(db, record.openid) : undefined,
    pushStore.credits(db, user.parkId, user.id),
    inboxStore.list(db, user.id, INBOX_LIMIT),
    inboxStore.unreadCount(db, user.id),
    privacyStore.requests(db, reach),
    privacyStore.matches(db, reach),
    privacyStore.cases(db, user.parkId),
  ]);
  const now = deps.clock.now().toISOString();
  const expired = !!record.inviteExpiresAt && Date.parse(record.inviteExpiresAt) <= Date.parse(now);
  const createdAt = createdAtOf(user.id);
  const seen = new Set<string>();
  return {
    exportedAt: now,
    account: {
      id: user.id,
      name: user.name,
      roles: user.roles,
      parkId: user.parkId,
      parkName: park.name,
      ...(user.departmentId ? { departmentId: user.departmentId, ...(user.departmentName ? { departmentName: user.departmentName } : {}) } : {}),
      ...(user.enterpriseId ? { enterpriseId: user.enterpriseId, ...(user.enterpriseName ? { enterpriseName: user.enterpriseName } : {}) } : {}),
      status: record.suspended ? 'suspended' : 'active',
      wechat: { bound: !!record.openid, ...(record.openid ? { openidMasked: maskOpenid(record.openid) } : {}), ...(boundAt ? { boundAt } : {}) },
      invitation: record.inviteCode
        ? { state: expired ? 'expired' : 'pending', ...(record.inviteExpiresAt ? { expiresAt: record.inviteExpiresAt } : {}) }
        : { state: record.openid ? 'used' : 'none' },
      ...(createdAt ? { createdAt } : {}),
    },
    consents,
    inbox: { unread, items: inbox.items, truncated: !!inbox.nextCursor },
    checkIns: { anonymous: true, note: '驿站打卡不记名：只保存手机随机编号的哈希，无法对应到任何人，因此这里没有您的打卡记录。' },
    requests: requests
      .flatMap((r) => requestForPerson(r, person) ?? [])
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)),
    matches: matches
      .filter(({ match }) => !seen.has(match.id) && !!seen.add(match.id))
      .flatMap(({ match, side }) => matchForPerson(match, person, side) ?? [])
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    cases: cases.flatMap((c) => caseForPerson(c, person) ?? []).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    notes: notesFor(user),
  };
}

/**
 * What is not listed, and why: records no index of the person reaches (they are found only by
 * reading the whole park, which erasure does in the background: services/erasurePass.ts).
 */
function notesFor(user: User): string[] {
  const notes: string[] = [];
  if (user.departmentId) notes.push('已转出本部门、由其他部门办理的诉求中您写过的内容，以及同事名下已办结诉求中您的备注，无法按索引查到，未列出。');
  if (user.roles.includes('admin')) {
    notes.push('您作为园区管理员在诉求上的备注与转派未逐条列出（需读取全园区诉求）；您的管理操作见“园区管理 → 操作记录”。');
  }
  notes.push('他人收到的消息、他人所写文字中提到您姓名之处未列出。');
  notes.push(
    '诉求、对接、案例是园区的服务台账：注销账号后仍保留，其中您的姓名改为“已注销用户”。上面列出的记录在注销时立即改写；未列出的（包括以上几类）由后台逐页检查全园区记录后改写，通常在注销后一小时内完成，记录多的园区可能需要数小时。',
  );
  return notes;
}
