const HOUR_MS = 3_600_000;

/** The promised answer time: submission plus the category's hours (72 h = the 3-day green channel). */
export function deadlineFrom(submittedAt: string, deadlineHours: number): string {
  return new Date(Date.parse(submittedAt) + deadlineHours * HOUR_MS).toISOString();
}

/**
 * Overdue (已超时) is a flag beside the status: the deadline passed before the first answer, or it
 * has passed and nobody has answered yet. Withdrawn requests are never overdue.
 */
export function isOverdue(
  state: { deadlineAt: string; firstAnsweredAt?: string; status: string },
  now: string,
): boolean {
  if (state.status === 'withdrawn') return false;
  const answeredOrNow = state.firstAnsweredAt ?? now;
  return Date.parse(answeredOrNow) > Date.parse(state.deadlineAt);
}
