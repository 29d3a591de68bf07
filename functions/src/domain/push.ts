/**
 * What a WeChat subscribe message says for an inbox message: which template (enterprises get
 * `progress`, liaisons and admins get `todo`) and its fields, cut to WeChat's limits
 * (thing ≤ 20 characters, phrase ≤ 5), times in China time.
 */
import type { NotificationKind, Role } from '@parklink/contract';

export type PushTemplate = 'progress' | 'todo';
export const PUSH_TEMPLATES: PushTemplate[] = ['progress', 'todo'];

const phrases: Record<NotificationKind, string> = {
  claimed: '已认领',
  answered: '已答复',
  info_requested: '待补充',
  resolved: '已办结',
  transferred: '已转派',
  rated: '已评价',
  reopened: '重新办理',
  overdue: '已超时',
  match_proposed: '新对接',
  match_accepted: '已接受',
  match_declined: '已婉拒',
  match_withdrawn: '已撤回',
  match_noted: '有进展',
  match_succeeded: '对接成功',
  match_failed: '未成功',
};

/** The mini-program page a message opens. */
export const pageOf = (n: { requestId?: string; matchId?: string }) =>
  n.matchId ? `pages/market/match/index?id=${n.matchId}` : `pages/requests/detail/index?id=${n.requestId}`;

export const templateFor = (roles: Role[]): PushTemplate => (roles.includes('enterprise') ? 'progress' : 'todo');

export interface PushContent {
  template: PushTemplate;
  page: string;
  data: Record<string, string>;
}

export function pushContent(
  notification: { kind: NotificationKind; requestId?: string; matchId?: string; title: string; body: string; at: string },
  recipientRoles: Role[],
): PushContent {
  return {
    template: templateFor(recipientRoles),
    page: pageOf(notification),
    data: {
      thing1: cut(notification.title, 20),
      phrase2: cut(phrases[notification.kind], 5),
      thing3: cut(notification.body, 20),
      time4: chinaTime(notification.at),
    },
  };
}

/** WeChat rejects over-long fields (47003): cut with an ellipsis instead. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
