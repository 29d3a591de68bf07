import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ImportReport } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { sizeText } from '../../../lib/files';
import { Panel } from '../Form';
import { SheetPicker } from './SheetPicker';
import type { SheetFile } from './sheetFile';

/** The report of a check or an import: counts (`.admin-import-counts`), file problems, each bad row (`.admin-import-row`). */
function Report({ report }: { report: ImportReport }) {
  return (
    <View className="admin-import-report">
      <View className="admin-import-counts">
        <Text className="admin-import-count admin-import-total">共 {report.total} 行</Text>
        <Text className="admin-import-count admin-import-valid">可导入 {report.valid}</Text>
        <Text className={`admin-import-count admin-import-invalid ${report.invalid ? 'admin-import-bad' : ''}`}>有问题 {report.invalid}</Text>
      </View>
      {report.fileErrors.map((e) => (
        <Text key={e} className="field-error admin-import-file-error">
          {e}
        </Text>
      ))}
      {report.rows.map((r) => (
        <View key={r.row} className="admin-import-row">
          <Text className="admin-import-row-head">
            第 {r.row} 行 · {r.name || '（无名称）'}
            {r.creditCode ? ` · ${r.creditCode}` : ''}
          </Text>
          {r.errors.map((e) => (
            <Text key={`${e.field}-${e.message}`} className="field-error admin-import-row-error">
              {e.message}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/**
 * 批量导入 (`.admin-import`): choose a sheet, which is checked at once (a dry run that writes
 * nothing), then 确认导入 (`.admin-import-confirm`), which works only when every row is good and
 * writes all rows or none.
 */
export function ImportPanel({ onImported, onClose }: { onImported: () => void; onClose: () => void }) {
  const [file, setFile] = useState<SheetFile | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (f: SheetFile, dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.admin.importEnterprises({ format: f.format, content: f.content, dryRun });
      if (dryRun) setReport(r);
      else {
        setDone(r);
        setReport(null);
        setFile(null);
        onImported();
      }
    } catch (err) {
      setError(errorText(err));
      // A real run with bad rows answers 400 (the error, with the report beside it): show the report as a dry run does.
      if (!dryRun && err instanceof ApiError && err.status === 400) {
        setBusy(false);
        await send(f, true);
        setError('未导入：表格中有需要修改的行，见下方报告');
      }
    } finally {
      setBusy(false);
    }
  };
  const pick = (f: SheetFile) => {
    setFile(f);
    setReport(null);
    setDone(null);
    void send(f, true);
  };
  const ready = !!report && report.invalid === 0 && report.fileErrors.length === 0 && report.valid > 0;

  return (
    <Panel className="admin-import" title="批量导入企业" onCancel={onClose}>
      <Text className="hint">CSV 或 XLSX（第一个工作表），第 1 行为表头：企业名称、统一社会信用代码、行业、片区。行业和片区须在园区信息的列表中。CSV 请保存为 UTF-8。</Text>
      <SheetPicker busy={busy} label={file ? '重新选择文件' : '选择文件'} onPick={pick} onError={setError} />
      {file ? (
        <Text className="admin-import-file">
          {file.name} · {sizeText(file.size)}
        </Text>
      ) : null}
      <ErrorMessage message={error} />
      {report ? <Report report={report} /> : null}
      {report && file ? (
        <View className="admin-form-actions">
          <TapButton className={`admin-import-confirm ${ready ? '' : 'admin-btn-disabled'}`} busy={busy} primary={ready} onClick={() => ready && void send(file, false)}>
            {ready ? `确认导入 ${report.valid} 家企业` : '请修改表格后重新选择文件'}
          </TapButton>
        </View>
      ) : null}
      {done ? <Text className="admin-import-done">已导入 {done.imported} 家企业</Text> : null}
    </Panel>
  );
}
