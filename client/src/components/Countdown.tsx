import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { RequestStatus } from '@parklink/contract';
import { timeLeft } from '../lib/time';

/** Statuses in which nobody is racing the deadline any more. */
const DONE: RequestStatus[] = ['resolved', 'rated', 'withdrawn'];

/** Time left to the deadline, refreshed every minute. */
export function Countdown({ deadlineAt, status }: { deadlineAt: string; status?: RequestStatus }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60000);
    return () => clearInterval(timer);
  }, []);
  if (status && DONE.includes(status)) return null;
  const left = timeLeft(deadlineAt, now);
  const tone = left.overdue ? 'countdown-overdue' : left.urgent ? 'countdown-urgent' : '';
  return <Text className={`countdown ${tone}`}>{left.text}</Text>;
}
