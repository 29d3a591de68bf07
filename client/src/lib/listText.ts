import type { RequestScope } from '@parklink/contract';
import type { ListFilter } from '../hooks/useRequestList';

/** Liaisons switch between their lists on both list pages. */
export const LIAISON_SCOPES: RequestScope[] = ['mine', 'pool', 'overdue', 'done'];

/** What an empty list says, by scope and filter. */
export function emptyText(filter: ListFilter, enterprise: boolean): string {
  if (filter.q) return `没有找到包含“${filter.q}”的诉求`;
  if (filter.status || filter.categoryId) return '没有符合筛选条件的诉求';
  switch (filter.scope) {
    case 'pool':
      return '暂无待认领的诉求';
    case 'overdue':
      return '没有超时的诉求';
    case 'done':
      return '还没有办结的诉求';
    default:
      return enterprise ? '还没有提交过诉求' : '还没有认领诉求';
  }
}
