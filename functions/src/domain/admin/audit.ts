/**
 * Audit events for everything an admin changes: who, when, what, and the fields before and after
 * (only those that changed, so a reader sees the change, not the record).
 */
import type { AuditEvent } from '@parklink/contract';
import { actorOf, type User } from '../user';

export interface AuditRecord extends AuditEvent {
  parkId: string;
}

type Fields = Record<string, unknown>;

/** The fields that differ between two versions of a record (bookkeeping fields left out). */
export function changedFields(before: Fields | undefined, after: Fields | undefined): { before?: Fields; after?: Fields } {
  const ignore = new Set(['version', 'updatedAt', 'parkId', 'entity']);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})].filter((k) => !ignore.has(k)));
  const was: Fields = {};
  const now: Fields = {};
  for (const key of keys) {
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a !== undefined) was[key] = a;
    if (b !== undefined) now[key] = b;
  }
  return { ...(before && Object.keys(was).length ? { before: was } : {}), ...(after && Object.keys(now).length ? { after: now } : {}) };
}

export function auditEvent(
  user: User,
  action: string,
  target: AuditEvent['target'],
  change: { before?: object; after?: object },
  id: string,
  at: string,
): AuditRecord {
  return { id, parkId: user.parkId, at, actor: actorOf(user), action, target, ...changedFields(change.before as Fields | undefined, change.after as Fields | undefined) };
}
