import { monotonicFactory } from 'ulid';

/** Sortable ids (ULID): time-ordered, so a sort key of ids is a sort by creation. */
export type IdGenerator = () => string;

/**
 * ULIDs stamped with the business clock's time, so an id's time is its record's creation time
 * even where a test moved the clock — the dashboard and the ledger read periods as id ranges.
 */
export function ulidGenerator(now: () => number = Date.now): IdGenerator {
  const next = monotonicFactory();
  return () => next(now());
}
