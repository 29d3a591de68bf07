/**
 * The park's figures for its admin, from records already read: requests (by status and category,
 * on-time rates, median times, satisfaction), what is overdue now, the busiest departments, the
 * market, coverage of the alliance. Pure; rates are whole per-mille with their base, so a screen
 * shows 87.5% and also "35 of 40".
 */
import type { Dashboard, Rate } from '@parklink/contract';
import { currentDeadline, isOpen, isOverdue, type RequestState } from './request';

export function rate(met: number, of: number): Rate {
  return { met, of, ...(of > 0 ? { permille: Math.round((met * 1000) / of) } : {}) };
}

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

const minutes = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/** The request section: everything submitted in the period. */
export function requestFigures(requests: RequestState[]): Dashboard['requests'] {
  const count = <K extends string>(key: (r: RequestState) => K) => {
    const counts = new Map<K, number>();
    for (const r of requests) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    return counts;
  };
  const byStatus = [...count((r) => r.status)].map(([status, n]) => ({ status, count: n })).sort((a, b) => b.count - a.count);
  const names = new Map(requests.map((r) => [r.categoryId, r.categoryName]));
  const byCategory = [...count((r) => r.categoryId)].map(([id, n]) => ({ id, name: names.get(id) ?? id, count: n })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
  const claimed = requests.filter((r) => r.clocks.claim.stoppedAt);
  const resolved = requests.filter((r) => r.clocks.resolve.stoppedAt);
  const rated = requests.filter((r) => r.rating);
  const medianToClaim = median(claimed.map((r) => minutes(r.clocks.claim.startedAt, r.clocks.claim.stoppedAt!)));
  const medianToResolve = median(resolved.map((r) => minutes(r.submittedAt, r.clocks.resolve.stoppedAt!)));
  return {
    submitted: requests.length,
    byStatus,
    byCategory,
    claimOnTime: rate(claimed.filter((r) => r.clocks.claim.stoppedAt! <= r.clocks.claim.deadlineAt).length, claimed.length),
    resolveOnTime: rate(resolved.filter((r) => r.clocks.resolve.stoppedAt! <= r.clocks.resolve.deadlineAt).length, resolved.length),
    ...(medianToClaim !== undefined ? { medianMinutesToClaim: medianToClaim } : {}),
    ...(medianToResolve !== undefined ? { medianMinutesToResolve: medianToResolve } : {}),
    satisfaction: rate(rated.filter((r) => r.rating!.satisfied).length, rated.length),
  };
}

/** Open requests past their current deadline, the longest overdue first. */
export function overdueNow(open: RequestState[], now: string): Dashboard['overdueNow'] {
  return open
    .filter((r) => isOpen(r) && isOverdue(r, now))
    .map((r) => ({
      id: r.id,
      title: r.title,
      enterpriseName: r.enterpriseName,
      departmentName: r.assignee?.departmentName ?? r.departments.map((d) => d.name).join('、'),
      clock: r.clocks.claim.stoppedAt ? ('resolve' as const) : ('claim' as const),
      deadlineAt: currentDeadline(r),
    }))
    .sort((a, b) => a.deadlineAt.localeCompare(b.deadlineAt));
}

/** Departments by the requests they took on in the period, and how many of those they resolved. */
export function busiestDepartments(requests: RequestState[], limit = 5): Dashboard['busiestDepartments'] {
  const byId = new Map<string, { id: string; name: string; handled: number; resolved: number }>();
  for (const r of requests) {
    if (!r.assignee) continue;
    const d = byId.get(r.assignee.departmentId) ?? { id: r.assignee.departmentId, name: r.assignee.departmentName, handled: 0, resolved: 0 };
    d.handled++;
    if (r.clocks.resolve.stoppedAt) d.resolved++;
    byId.set(d.id, d);
  }
  return [...byId.values()].sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name, 'zh')).slice(0, limit);
}

/** How much of the park the alliance reaches: enterprises with at least one member, per zone and industry. */
export function coverage(enterprises: { id: string; zone: string; industry: string }[], membersOf: (enterpriseId: string) => number): Dashboard['coverage'] {
  const covered = (e: { id: string }) => membersOf(e.id) > 0;
  const group = (key: 'zone' | 'industry') => {
    const groups = new Map<string, { name: string; enterprises: number; withMembers: number }>();
    for (const e of enterprises) {
      const g = groups.get(e[key]) ?? { name: e[key], enterprises: 0, withMembers: 0 };
      g.enterprises++;
      if (covered(e)) g.withMembers++;
      groups.set(e[key], g);
    }
    return [...groups.values()].sort((a, b) => b.enterprises - a.enterprises || a.name.localeCompare(b.name, 'zh'));
  };
  const withMembers = enterprises.filter(covered).length;
  return { enterprises: enterprises.length, withMembers, rate: rate(withMembers, enterprises.length), byZone: group('zone'), byIndustry: group('industry') };
}

/** The UTC instants that bound a period of China dates, both days included. */
export function periodBounds(from: string, to: string): { start: number; end: number } {
  return { start: Date.parse(`${from}T00:00:00+08:00`), end: Date.parse(`${to}T00:00:00+08:00`) + 86_400_000 - 1 };
}
