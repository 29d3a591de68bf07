/**
 * Requests written before the two deadline clocks existed (one `deadlineAt`, `departmentIds`) are
 * read as if written today: both clocks end at the old deadline, stopped at the first answer.
 * Only local tables made by the first version hold such items; each is rewritten on its next change.
 */
import type { RequestState } from '../domain/request';

interface LegacyFields {
  deadlineAt?: string;
  firstAnsweredAt?: string;
  departmentIds?: string[];
}

export function upgradeRequest(item: RequestState & LegacyFields): RequestState {
  if (item.clocks && item.departments) return item;
  const deadlineAt = item.deadlineAt ?? item.submittedAt;
  const hours = Math.max(1, Math.round((Date.parse(deadlineAt) - Date.parse(item.submittedAt)) / 3_600_000));
  const clock = {
    spec: { unit: 'hours' as const, amount: hours },
    startedAt: item.submittedAt,
    pausedMs: 0,
    deadlineAt,
    ...(item.firstAnsweredAt ? { stoppedAt: item.firstAnsweredAt } : {}),
  };
  const departments = item.departments ?? (item.departmentIds ?? []).map((id) => ({ id, name: id }));
  const { deadlineAt: _d, firstAnsweredAt: _f, departmentIds: _ids, ...rest } = item;
  void [_d, _f, _ids];
  return {
    ...rest,
    departments,
    involvedDepartmentIds: item.involvedDepartmentIds ?? departments.map((d) => d.id),
    clocks: { claim: clock, resolve: clock },
    timeline: item.timeline.map((event) => ({ ...event, visibility: event.visibility ?? 'public' })),
  };
}
