/**
 * Plain values, no schema (why: see people.ts): the market's kinds and the states of posts and
 * matches with their labels. states.ts and market.ts build their schemas from these and re-export
 * them.
 */

export const MARKET_KINDS = ['financing', 'hiring', 'space', 'orders', 'technology', 'policy', 'legal', 'other'] as const;

export const marketKindLabels: Record<(typeof MARKET_KINDS)[number], string> = {
  financing: '融资',
  hiring: '用工',
  space: '场地',
  orders: '订单/采购',
  technology: '技术',
  policy: '政策',
  legal: '法律',
  other: '其他',
};

export const POST_STATUSES = ['open', 'paused', 'closed'] as const;
export const postStatusLabels: Record<(typeof POST_STATUSES)[number], string> = { open: '进行中', paused: '已暂停', closed: '已关闭' };

export const MATCH_STATUSES = ['proposed', 'declined', 'withdrawn', 'in_progress', 'succeeded', 'failed'] as const;
export const matchStatusLabels: Record<(typeof MATCH_STATUSES)[number], string> = {
  proposed: '待对方确认',
  declined: '已婉拒',
  withdrawn: '已撤回',
  in_progress: '对接中',
  succeeded: '对接成功',
  failed: '未成功',
};
