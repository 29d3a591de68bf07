import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CheckInResult } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { TapButton } from '../../../components/TapButton';
import { deviceId } from '../../../lib/device';

/**
 * 打卡 (`.checkin-button`): counts one visit per phone per station per hour, anonymously. The
 * answer shows in `.checkin-result`: 已打卡, or that this phone already checked in within the hour.
 */
export function CheckIn({ stationId }: { stationId: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const checkIn = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.stations.checkIn(stationId, deviceId()));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="checkin">
      <TapButton className="checkin-button" busy={busy} onClick={() => void checkIn()}>
        {result ? '已打卡 · 再打一次' : '打卡'}
      </TapButton>
      {result ? (
        <Text className={`checkin-result ${result.counted ? 'checkin-counted' : 'checkin-repeat'}`}>
          {result.counted ? '已打卡，欢迎休息一下' : '已打卡 · 一小时内已打过卡，本次不重复计数'}
        </Text>
      ) : null}
      {error ? <Text className="field-error checkin-error">{error}</Text> : null}
    </View>
  );
}
