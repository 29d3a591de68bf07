import '../dashboard.css';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { LedgerFormat, ledgerFormatLabels } from '@parklink/contract';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useMe } from '../../../hooks/useSession';
import { ExportCard } from '../ExportCard';
import { chinaToday, periodFrom, presetPeriod, type Period } from '../format';
import { PeriodPicker } from '../PeriodPicker';
import { useLedgerExports } from '../useLedgerExports';

/**
 * 台账导出: pick a period (the dashboard's, when opened from it) and a format, 生成台账, wait while
 * the file is made (checked every 2 s), then download it; earlier exports are listed below.
 */
export default function LedgerPage() {
  useMe();
  const params = useRouter().params;
  const today = chinaToday();
  const [period, setPeriod] = useState<Period>(() => periodFrom(params.from, params.to) ?? presetPeriod('month', today));
  const [format, setFormat] = useState<LedgerFormat>('xlsx');
  const { current, earlier, error, pollError, starting, start } = useLedgerExports();

  return (
    <View className="page ledger-page">
      <View className="section ledger-form">
        <Text className="section-title">导出期间</Text>
        <PeriodPicker value={period} today={today} onChange={setPeriod} />
        <Text className="section-title ledger-format-title">文件格式</Text>
        <View className="choice-list">
          {LedgerFormat.options.map((f) => (
            <Text key={f} className={`choice ledger-format ledger-format-${f} ${format === f ? 'choice-on' : ''}`} onClick={() => setFormat(f)}>
              {ledgerFormatLabels[f]}
            </Text>
          ))}
        </View>
        <Text className="hint">含诉求、共建案例、供需对接三张表，每条一行</Text>
        <TapButton className="ledger-start" busy={starting || current?.status === 'running'} onClick={() => void start({ ...period, format })}>
          生成台账
        </TapButton>
      </View>
      <ErrorMessage message={error} />
      {pollError ? <Text className="hint ledger-poll-error">状态查询失败，正在重试：{pollError}</Text> : null}
      {current ? (
        <View className="ledger-current">
          <Text className="dash-subtitle">本次导出</Text>
          <ExportCard exp={current} />
        </View>
      ) : null}
      <View className="ledger-history">
        <Text className="dash-subtitle">最近导出</Text>
        {earlier === null ? (
          error ? null : <Text className="hint">加载中…</Text>
        ) : earlier.length ? (
          earlier.map((e) => <ExportCard key={e.id} exp={e} />)
        ) : (
          <EmptyState text="还没有导出过台账" />
        )}
      </View>
    </View>
  );
}
