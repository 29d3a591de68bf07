import { monotonicFactory } from 'ulid';

/** Sortable ids (ULID): time-ordered, so a sort key of ids is a sort by creation. */
export type IdGenerator = () => string;

export function ulidGenerator(): IdGenerator {
  const next = monotonicFactory();
  return () => next();
}
