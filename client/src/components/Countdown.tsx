import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { RequestStatus, RequestSummary } from '@parklink/contract';
import { timeLeft } from '../lib/time';

/** Statuses in which nobody is racing the deadline any more. */
const DONE: RequestStatus[] = ['resolved', 'rated', 'withdrawn'];

/** The current minute, refreshed every minute. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Time left to the deadline that matters now, refreshed every minute: amber under a day
 * (`.countdown-urgent`), red when passed (`.countdown-overdue`). With `clocks`, a paused clock
 * (waiting on the enterprise) shows 暂停计时 instead.
 */
export function Countdown({
  deadlineAt,
  status,
  clocks,
}: {
  deadlineAt: string;
  status?: RequestStatus;
  clocks?: RequestSummary['clocks'];
}) {
  const now = useNow();
  if (status && DONE.includes(status)) return null;
  const clock = clocks ? [clocks.claim, clocks.resolve].find((c) => c.deadlineAt === deadlineAt) : undefined;
  if (clock?.state === 'paused') return <Text className="countdown countdown-paused">暂停计时</Text>;
  if (clock?.state === 'missed') return <Text className="countdown countdown-overdue">已超时</Text>;
  const left = timeLeft(deadlineAt, now);
  const tone = left.overdue ? 'countdown-overdue' : left.urgent ? 'countdown-urgent' : '';
  return <Text className={`countdown ${tone}`}>{left.text}</Text>;
}
