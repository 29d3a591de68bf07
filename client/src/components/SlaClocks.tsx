import { Text, View } from '@tarojs/components';
import type { SlaClockState, SlaClockView, RequestSummary } from '@parklink/contract';
import { formatShortTime, timeLeft } from '../lib/time';
import { useNow } from './Countdown';

const STATE: Record<SlaClockState, string> = {
  running: '进行中',
  paused: '已暂停',
  met: '已按时',
  missed: '已超时',
};

/** Both deadline clocks with their state, for liaisons, heads and admins: `.clock-claim`, `.clock-resolve`. */
export function SlaClocks({ clocks }: { clocks: RequestSummary['clocks'] }) {
  return (
    <View className="clocks">
      <ClockRow name="claim" label="响应时限" clock={clocks.claim} />
      <ClockRow name="resolve" label="办结时限" clock={clocks.resolve} />
    </View>
  );
}

function ClockRow({ name, label, clock }: { name: string; label: string; clock: SlaClockView }) {
  const now = useNow();
  const left = clock.state === 'running' ? timeLeft(clock.deadlineAt, now) : null;
  // A running clock past its deadline is missed already, even before the sweep records it.
  const state: SlaClockState = left?.overdue ? 'missed' : clock.state;
  const tone = state === 'missed' ? 'countdown-overdue' : left?.urgent ? 'countdown-urgent' : '';
  return (
    <View className={`clock clock-${name} clock-${state}`}>
      <Text className="clock-label">{label}</Text>
      <Text className={`clock-state clock-state-${state}`}>{STATE[state]}</Text>
      {left && !left.overdue ? <Text className={`countdown ${tone}`}>{left.text}</Text> : null}
      <Text className={`clock-deadline ${tone}`}>
        {clock.state === 'paused' ? '等待企业补充' : clock.stoppedAt ? `${formatShortTime(clock.stoppedAt)} 停止` : `${formatShortTime(clock.deadlineAt)} 截止`}
      </Text>
    </View>
  );
}
