import { Text, View } from '@tarojs/components';
import { ACCEPT_ATTRIBUTE, fromBrowserFiles, pickImagesInMiniProgram, pickInMiniProgram, type PickedFile } from '../lib/files';

/**
 * The 添加附件 button. weapp: tap opens the action sheet (photos or a chat file). h5: a transparent
 * `<input type="file" multiple>` lies over the button (`.attach-input input[type=file]`; browser tests
 * set files on it). `imagesOnly`: photos only (weapp: straight to the album/camera), with `accept`
 * narrowing the h5 input.
 */
export function FilePicker({
  className = '',
  label = '添加附件',
  busy = false,
  max,
  accept = ACCEPT_ATTRIBUTE,
  imagesOnly = false,
  onPick,
}: {
  className?: string;
  label?: string;
  busy?: boolean;
  /** At most this many files in one pick (weapp). */
  max?: number;
  /** h5: the file input's `accept`. */
  accept?: string;
  imagesOnly?: boolean;
  onPick: (files: PickedFile[]) => void;
}) {
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className={`attach-input ${className}`}>
      <View
        className={`attach-button ${busy ? 'attach-button-busy' : ''}`}
        onClick={
          h5 || busy
            ? undefined
            : () => {
                void (imagesOnly ? pickImagesInMiniProgram(max ?? 9) : pickInMiniProgram(max)).then((files) => {
                  if (files.length) onPick(files);
                });
              }
        }
      >
        <Text>{busy ? '上传中…' : `＋ ${label}`}</Text>
      </View>
      {h5 && !busy ? (
        <input
          className="attach-file"
          type="file"
          multiple
          accept={accept}
          onChange={(e) => {
            const files = fromBrowserFiles(e.currentTarget.files);
            e.currentTarget.value = '';
            if (files.length) onPick(files);
          }}
        />
      ) : null}
    </View>
  );
}
