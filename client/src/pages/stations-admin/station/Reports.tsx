import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { reportKindLabels, type StationReport } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { FieldError } from '../../../components/FieldError';
import { formatShortTime } from '../../../lib/time';

function ReportItem({ stationId, report, onResolved }: { stationId: string; report: StationReport; onResolved: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const resolve = async () => {
    if (!text.trim()) return setError('请说明如何处理');
    setBusy(true);
    setError(undefined);
    try {
      await api.managedStations.resolveReport(stationId, report.id, text.trim());
      void Taro.showToast({ title: '已处理', icon: 'success' });
      onResolved();
    } catch (err) {
      setError(errorText(err));
      // 409: someone else resolved it meanwhile; the list reloads to show that.
      onResolved();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="station-report">
      <View className="card-head">
        <Text className="station-report-kind">{reportKindLabels[report.kind]}</Text>
        <Text className="station-report-time">{formatShortTime(report.at)}</Text>
      </View>
      {report.note ? <Text className="station-report-note">{report.note}</Text> : null}
      <View className="resolve-row">
        <Input
          className="input resolve-report-input"
          value={text}
          maxlength={200}
          placeholder="如何处理的，如 已更换热水器"
          onInput={(e) => setText(e.detail.value)}
        />
        <ActionButton className="resolve-report-submit" small busy={busy} onClick={() => void resolve()}>
          已处理
        </ActionButton>
      </View>
      <FieldError message={error} />
    </View>
  );
}

/** Open reports from riders (`.station-reports`, one `.station-report` each) with a resolve form. */
export function Reports({ stationId, reports, onChanged }: { stationId: string; reports: StationReport[] | null; onChanged: () => void }) {
  return (
    <View className="section station-reports">
      <Text className="section-title">待处理反馈{reports ? `（${reports.length}）` : ''}</Text>
      {reports && reports.length === 0 ? <Text className="hint reports-empty">没有待处理的反馈</Text> : null}
      {(reports ?? []).map((r) => (
        <ReportItem key={r.id} stationId={stationId} report={r} onResolved={onChanged} />
      ))}
    </View>
  );
}
