/**
 * Which events concern whom: from the events a change added, the inbox messages to write. Pure;
 * the store turns audiences into user ids (department heads and park admins are on their records).
 */
import { ERASED_NAME, type NotificationKind, type TimelineEvent } from '@parklink/contract';
import type { RequestState } from './request';

export type Audience =
  | { kind: 'user'; userId: string }
  | { kind: 'departmentHeads'; departmentIds: string[] }
  | { kind: 'parkAdmins' };

export interface NotificationDraft {
  kind: NotificationKind;
  audience: Audience;
  title: string;
  body: string;
}

/** The enterprise contact who submitted the request. */
const submitter = (state: RequestState): Audience => ({ kind: 'user', userId: state.timeline[0]!.actor.id });

export function notificationsFor(next: RequestState, added: TimelineEvent[]): NotificationDraft[] {
  const gone = erasedPeople(next);
  return added
    .flatMap((event) => draftsFor(next, event))
    .filter((draft) => !isSelf(draft, added) && !(draft.audience.kind === 'user' && gone.has(draft.audience.userId)));
}

/**
 * The submitter or assignee who erased their account (PIPL): the erasure rewrote their reference
 * on this request to 已注销用户, and nothing should reach an inbox nobody reads any more.
 */
function erasedPeople(state: RequestState): Set<string> {
  const references = [state.timeline[0]?.actor, state.assignee];
  return new Set(references.filter((r) => r?.name === ERASED_NAME).map((r) => r!.id));
}

function draftsFor(state: RequestState, event: TimelineEvent): NotificationDraft[] {
  const t = state.title;
  const by = event.actor.departmentName ? `${event.actor.departmentName} ${event.actor.name}` : event.actor.name;
  const assignee: Audience | undefined = state.assignee ? { kind: 'user', userId: state.assignee.id } : undefined;
  switch (event.type) {
    case 'claimed':
      return [{ kind: 'claimed', audience: submitter(state), title: '诉求已认领', body: `「${t}」已由${by}认领` }];
    case 'replied':
      return [{ kind: 'answered', audience: submitter(state), title: '诉求有新答复', body: `${by}答复了「${t}」` }];
    case 'info_requested':
      return [{ kind: 'info_requested', audience: submitter(state), title: '请补充材料', body: `${by}请您为「${t}」补充材料` }];
    case 'resolved':
      return [{ kind: 'resolved', audience: submitter(state), title: '诉求已办结', body: `「${t}」已办结，请评价` }];
    case 'transferred':
      return [
        { kind: 'transferred', audience: submitter(state), title: '诉求已转派', body: `「${t}」已转派至${event.toDepartment?.name ?? '其他部门'}` },
        {
          kind: 'transferred',
          audience: { kind: 'departmentHeads', departmentIds: state.departments.map((d) => d.id) },
          title: '有诉求转派给本部门',
          body: `「${t}」由${by}转派，请安排认领`,
        },
      ];
    case 'rated':
      return assignee ? [{ kind: 'rated', audience: assignee, title: '企业已评价', body: `「${t}」获得 ${event.score ?? ''} 分评价` }] : [];
    case 'reopened':
    case 'info_provided':
      return assignee
        ? [{ kind: 'reopened', audience: assignee, title: event.type === 'reopened' ? '诉求被重新打开' : '企业已补充材料', body: `「${t}」需要继续办理` }]
        : [];
    case 'escalated': {
      const which = event.escalation?.clock === 'claim' ? '响应时限' : '办结时限';
      const audience: Audience =
        event.escalation?.level === 2
          ? { kind: 'parkAdmins' }
          : { kind: 'departmentHeads', departmentIds: state.departments.map((d) => d.id) };
      const recipients: Audience[] = assignee && event.escalation?.level === 1 ? [audience, assignee] : [audience];
      // Level 2 reads differently: the admin is asked to step in, not to handle it.
      const [title, body] =
        event.escalation?.level === 2
          ? [`诉求${which}超时已超 24 小时`, `「${t}」仍未处理，已上报，请督办`]
          : [`诉求${which}已超时`, `「${t}」${which}已过，请尽快处理`];
      return recipients.map((a) => ({ kind: 'overdue' as const, audience: a, title, body }));
    }
    default:
      return [];
  }
}

/** Nobody is told about what they did themselves. */
const isSelf = (draft: NotificationDraft, added: TimelineEvent[]) =>
  draft.audience.kind === 'user' && added.some((e) => e.actor.id === (draft.audience as { userId: string }).userId);
