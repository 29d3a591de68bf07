import * as z from './zod';
import { CASE_KINDS, CASE_STATUSES } from './values/cases';
import { MATCH_STATUSES } from './values/market';
import { REQUEST_STATUSES } from './values/requests';

/**
 * The states and event kinds of requests, cases and matches, on their own: a module that needs
 * only these (the personal-data export) does not pull in the whole of requests.ts, cases.ts and
 * market.ts — a module's schemas are calls a bundler must keep once anything of it is imported.
 * Their own modules re-export them beside their labels. Their members, and the labels, are plain
 * lists in values/ (no schema at all).
 */

/** The request's life (诉求流程); see DOMAIN.md. `overdue` is a flag beside the status, not a status. */
export const RequestStatus = z.enum(REQUEST_STATUSES);

export const TimelineEventType = z.enum([
  'submitted',
  'claimed',
  'replied',
  'noted',
  'started',
  'info_requested',
  'info_provided',
  'resolved',
  'rated',
  'reopened',
  'transferred',
  'withdrawn',
  'escalated',
]);

export const CaseKind = z.enum(CASE_KINDS, { error: '案例类型应为 bank 或 tax / kind: bank or tax' });

export const CaseStatus = z.enum(CASE_STATUSES);

/** `attached` / `detached`: evidence (a loan contract, a refund notice) added or taken off. */
export const CaseEventType = z.enum(['drafted', 'edited', 'confirmed', 'closed', 'attached', 'detached']);

export const MatchStatus = z.enum(MATCH_STATUSES);

