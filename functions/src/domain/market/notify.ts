/** What the other side of a match hears about each step (the side that acted is not told). */
import type { NotificationKind } from '@parklink/contract';
import type { MatchRecord, Side } from './match';

export interface MatchMessage {
  kind: NotificationKind;
  title: string;
  body: string;
}

export function matchMessage(match: MatchRecord, actingSide: Side): MatchMessage | undefined {
  const event = match.timeline.at(-1)!;
  const by = event.actor.departmentName ?? event.actor.enterpriseName ?? event.actor.name;
  const subject = actingSide === 'need' ? match.resource.title : match.need.title;
  const theirs = actingSide === 'need' ? `您的资源「${subject}」` : `您的需求「${subject}」`;
  switch (event.type) {
    case 'proposed':
      return { kind: 'match_proposed', title: '有新的对接请求', body: `${by}希望对接${theirs}` };
    case 'accepted':
      return { kind: 'match_accepted', title: '对接已接受', body: `${by}接受了与${theirs}的对接` };
    case 'declined':
      return { kind: 'match_declined', title: '对接被婉拒', body: `${by}婉拒了与${theirs}的对接` };
    case 'withdrawn':
      return { kind: 'match_withdrawn', title: '对接已撤回', body: `${by}撤回了与${theirs}的对接` };
    case 'noted':
      return { kind: 'match_noted', title: '对接有新进展', body: `${by}更新了与${theirs}的对接进展` };
    case 'succeeded':
      return { kind: 'match_succeeded', title: '对接成功', body: `与${by}就${theirs}的对接已成功` };
    case 'failed':
      return { kind: 'match_failed', title: '对接未成功', body: `与${by}就${theirs}的对接未成功` };
    default:
      return undefined;
  }
}
