import { Text, View } from '@tarojs/components';
import { SHEET_ACCEPT, pickSheetInMiniProgram, readBrowserSheet, type SheetFile } from './sheetFile';

/**
 * 选择文件 for a CSV or XLSX sheet (`.admin-sheet-picker`). weapp: a file from a chat. h5: a
 * transparent `<input type="file">` lies over the button (browser tests set files on it), as in
 * components/FilePicker.tsx.
 */
export function SheetPicker({ busy, label, onPick, onError }: { busy: boolean; label: string; onPick: (f: SheetFile) => void; onError: (message: string) => void }) {
  const h5 = process.env.TARO_ENV === 'h5';
  const fail = (err: unknown) => onError(err instanceof Error ? err.message : '读取文件失败');
  return (
    <View className="attach-input admin-sheet-picker">
      <View
        className={`attach-button ${busy ? 'attach-button-busy' : ''}`}
        onClick={
          h5 || busy
            ? undefined
            : () => {
                pickSheetInMiniProgram()
                  .then((f) => f && onPick(f))
                  .catch(fail);
              }
        }
      >
        <Text>{busy ? '检查中…' : label}</Text>
      </View>
      {h5 && !busy ? (
        <input
          className="attach-file"
          type="file"
          accept={SHEET_ACCEPT}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) readBrowserSheet(file).then(onPick).catch(fail);
          }}
        />
      ) : null}
    </View>
  );
}
