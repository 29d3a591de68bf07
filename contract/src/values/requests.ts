/**
 * Plain values, no schema (why: see people.ts): a request's states and actions with their labels,
 * the idempotency header and the attachment limits. states.ts, requests.ts and attachments.ts build
 * their schemas from these and re-export them.
 */

/** The request's life (诉求流程); see DOMAIN.md. `overdue` is a flag beside the status, not a status. */
export const REQUEST_STATUSES = [
  'submitted',
  'claimed',
  'answered',
  'in_progress',
  'resolved',
  'rated',
  'reopened',
  'transferred',
  'needs_info',
  'withdrawn',
] as const;

export const requestStatusLabels: Record<(typeof REQUEST_STATUSES)[number], string> = {
  submitted: '待认领',
  claimed: '已认领',
  answered: '已答复',
  in_progress: '办理中',
  resolved: '已办结',
  rated: '已评价',
  reopened: '重新办理',
  transferred: '已转派',
  needs_info: '待补充',
  withdrawn: '已撤回',
};

/** What someone may do to a request; the API lists the ones open to the viewer on every request. */
export const REQUEST_ACTIONS = [
  'claim',
  'reply',
  'note',
  'start',
  'requestInfo',
  'provideInfo',
  'resolve',
  'rate',
  'reopen',
  'transfer',
  'withdraw',
] as const;

export const requestActionLabels: Record<(typeof REQUEST_ACTIONS)[number], string> = {
  claim: '认领',
  reply: '答复',
  note: '内部备注',
  start: '开始办理',
  requestInfo: '请企业补充材料',
  provideInfo: '补充材料',
  resolve: '办结',
  rate: '评价',
  reopen: '重新打开',
  transfer: '转派',
  withdraw: '撤回',
};

/** Header that makes a create safe to retry: the same key returns the same request. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** 10 MiB per file. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Files the enterprise may attach to one request, all together; and a liaison to one reply. */
export const MAX_ATTACHMENTS = 6;
