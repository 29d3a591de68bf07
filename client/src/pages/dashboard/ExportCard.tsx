import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ledgerFormatLabels, ledgerStatusLabels, type LedgerExport } from '@parklink/contract';
import { errorText } from '../../api';
import { TapButton } from '../../components/TapButton';
import { chinaShort } from '../../lib/chinaTime';
import { sizeText } from '../../lib/files';
import { downloadInMiniProgram, openInBrowser, openWorkbook, sendToChat } from './download';
import { periodText } from './format';

const h5 = process.env.TARO_ENV === 'h5';
/** WeChat reports a closed viewer or share sheet as a failure: that is no error to show. */
const cancelled = (err: unknown) => /cancel/i.test((err as { errMsg?: string })?.errMsg ?? '');

/** Rows per sheet: 诉求 12 行 · 共建案例 3 行 · 供需对接 5 行. */
function RowsLine({ rows }: { rows: NonNullable<LedgerExport['rows']> }) {
  return <Text className="ledger-rows">{`诉求 ${rows.requests} 行 · 共建案例 ${rows.cases} 行 · 供需对接 ${rows.matches} 行`}</Text>;
}

/**
 * One export (`.ledger-item`): period, format, who asked, its status (`.ledger-status`); when ready
 * the rows per sheet, file and size, and 下载 (`.ledger-download`); when failed, why.
 */
export function ExportCard({ exp, className = '' }: { exp: LedgerExport; className?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // weapp, CSV zip: downloaded, waiting for the tap that sends it to a chat.
  const [saved, setSaved] = useState<string | null>(null);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      if (!cancelled(err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const download = () =>
    act(async () => {
      if (h5) return openInBrowser(exp);
      if (saved) return sendToChat(saved, exp.fileName);
      const path = await downloadInMiniProgram(exp);
      if (exp.format === 'xlsx') return openWorkbook(path);
      setSaved(path);
    });

  return (
    <View className={`card ledger-item ledger-item-${exp.status} ${className}`}>
      <View className="card-head">
        <Text className="card-title ledger-period">{periodText(exp)}</Text>
        <Text className={`ledger-status ledger-status-${exp.status}`}>{ledgerStatusLabels[exp.status]}</Text>
      </View>
      <Text className="card-meta ledger-meta">
        {ledgerFormatLabels[exp.format]} · {exp.requestedBy.name} · {chinaShort(exp.requestedAt)}
      </Text>
      {exp.status === 'running' ? <Text className="hint ledger-wait">正在生成，完成后可在此下载</Text> : null}
      {exp.status === 'failed' ? <Text className="field-error ledger-error">{exp.error || '生成失败，请重新生成'}</Text> : null}
      {exp.status === 'ready' ? (
        <View className="ledger-ready">
          {exp.rows ? <RowsLine rows={exp.rows} /> : null}
          <Text className="ledger-file">
            {exp.fileName ?? ''}
            {exp.sizeBytes !== undefined ? ` · ${sizeText(exp.sizeBytes)}` : ''}
          </Text>
          <TapButton className="ledger-download" small busy={busy} onClick={() => void download()}>
            {saved ? '发送到聊天' : '下载'}
          </TapButton>
        </View>
      ) : null}
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  );
}
