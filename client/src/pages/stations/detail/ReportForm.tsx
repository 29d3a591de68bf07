import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { MAX_REPORT_NOTE, ReportKind, reportKindLabels } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { FieldError } from '../../../components/FieldError';
import { deviceId } from '../../../lib/device';

/**
 * 反馈问题: a kind (`.report-kind`, `.report-kind-on`), an optional note (`.report-note`, counter
 * `.report-note-count`) and `.report-submit`; then `.report-thanks`.
 */
export function ReportForm({ stationId }: { stationId: string }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  if (sent) {
    return (
      <View className="section report-form">
        <Text className="report-thanks">感谢反馈！驿站管理员会尽快处理。</Text>
      </View>
    );
  }
  if (!open) {
    return (
      <ActionButton className="report-open" primary={false} onClick={() => setOpen(true)}>
        反馈问题
      </ActionButton>
    );
  }

  const send = async () => {
    if (!kind) {
      setError('请选择问题类型');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const text = note.trim();
      await api.stations.report(stationId, { deviceId: deviceId(), kind, ...(text ? { note: text } : {}) });
      setSent(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="section report-form">
      <Text className="section-title">反馈问题</Text>
      <View className="choice-list">
        {ReportKind.options.map((k) => (
          <Text key={k} className={`choice report-kind ${kind === k ? 'choice-on report-kind-on' : ''}`} onClick={() => setKind(k)}>
            {reportKindLabels[k]}
          </Text>
        ))}
      </View>
      <Textarea
        className="textarea report-note"
        value={note}
        maxlength={MAX_REPORT_NOTE}
        placeholder="补充说明（可不填）"
        onInput={(e) => setNote(e.detail.value)}
      />
      <Text className="hint report-note-count">
        {note.length}/{MAX_REPORT_NOTE}
      </Text>
      <FieldError message={error ?? undefined} />
      <ActionButton className="report-submit" busy={busy} onClick={() => void send()}>
        提交反馈
      </ActionButton>
    </View>
  );
}
