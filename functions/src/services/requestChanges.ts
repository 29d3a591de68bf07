/**
 * Applying a change to a request, for the HTTP handlers and the overdue sweep alike: read, let the
 * domain decide, save with a version check together with the inbox messages the new events cause,
 * and on a lost race decide again on the fresh state.
 */
import { DomainError } from '../domain/errors';
import { notificationsFor, type Audience, type NotificationDraft } from '../domain/notifications';
import type { Moment, RequestState } from '../domain/request';
import type { Deps } from '../http/deps';
import { directory, type DepartmentRecord, type ParkRecord } from '../store/directory';
import type { NotificationRecord } from '../store/inbox';
import { requestStore, VersionConflict } from '../store/requests';

const MAX_ATTEMPTS = 10;

/** A short random wait before a retry, growing with the attempt, so racing writers spread out. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));

/** `decide` returns the next state, or undefined when there is nothing to do. */
export type Decision = (state: RequestState, moment: Moment) => RequestState | undefined;

/** The request to change, and what the caller requires of it (e.g. that they may see it: 404 if not). */
export interface Target {
  requestId: string;
  check: (state: RequestState | undefined) => RequestState;
}

/** Directory records the caller has read already (a transfer's target department): not read again. */
export interface Known {
  departments?: DepartmentRecord[];
}

export async function applyChange(
  deps: Deps,
  parkId: string,
  target: Target,
  decide: Decision,
  known: Known = {},
): Promise<{ state: RequestState; changed: boolean; now: string }> {
  // The first read brings the park's calendar along (one BatchGetItem); a retry re-reads the request only.
  const first = await requestStore.getWithCalendar(deps.db, parkId, target.requestId);
  const calendar = first.calendar;
  const audiences = audienceDirectory(deps, parkId, known);
  for (let attempt = 1; ; attempt++) {
    const state = target.check(attempt === 1 ? first.state : await requestStore.get(deps.db, parkId, target.requestId));
    const now = deps.clock.now().toISOString();
    const next = decide(state, { now, eventId: deps.newId(), calendar });
    if (!next) return { state, changed: false, now };
    const added = next.timeline.slice(state.timeline.length);
    const messages = await inboxMessages(deps, next, notificationsFor(next, added), now, audiences);
    try {
      await requestStore.save(deps.db, next, messages);
      return { state: next, changed: true, now };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new DomainError('CONFLICT', '诉求正被他人处理，请刷新后重试', 'request is busy, retry');
      await backoff(attempt);
    }
  }
}

async function inboxMessages(deps: Deps, state: RequestState, drafts: NotificationDraft[], now: string, audiences: AudienceDirectory): Promise<NotificationRecord[]> {
  const seen = new Set<string>();
  const messages: NotificationRecord[] = [];
  for (const draft of drafts) {
    for (const userId of await recipients(audiences, draft.audience)) {
      const key = `${userId}:${draft.kind}:${draft.title}`;
      if (seen.has(key)) continue;
      seen.add(key);
      messages.push({
        id: deps.newId(),
        parkId: state.parkId,
        userId,
        kind: draft.kind,
        requestId: state.id,
        title: draft.title,
        body: draft.body,
        at: now,
        push: 'pending',
      });
    }
  }
  return messages;
}

type AudienceDirectory = ReturnType<typeof audienceDirectory>;

/**
 * Where the heads and admins an audience names are listed: read once per change, however many
 * messages name them, and not at all when the caller already has the records.
 */
function audienceDirectory(deps: Deps, parkId: string, known: Known) {
  let departments: Promise<DepartmentRecord[]> | undefined;
  let park: Promise<ParkRecord | undefined> | undefined;
  return {
    departments(ids: string[]): Promise<DepartmentRecord[]> {
      if (known.departments && ids.every((id) => known.departments!.some((d) => d.id === id))) return Promise.resolve(known.departments);
      return (departments ??= directory.listDepartments(deps.db, parkId));
    },
    park: () => (park ??= directory.getPark(deps.db, parkId)),
  };
}

async function recipients(audiences: AudienceDirectory, audience: Audience): Promise<string[]> {
  switch (audience.kind) {
    case 'user':
      return [audience.userId];
    case 'departmentHeads': {
      const departments = await audiences.departments(audience.departmentIds);
      return departments.filter((d) => audience.departmentIds.includes(d.id)).flatMap((d) => d.headUserIds ?? []);
    }
    case 'parkAdmins':
      return (await audiences.park())?.adminUserIds ?? [];
  }
}
