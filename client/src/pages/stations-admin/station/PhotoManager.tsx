import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { MAX_STATION_PHOTOS, type ManagedStation } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { FilePicker } from '../../../components/FilePicker';
import type { PickedFile } from '../../../lib/files';

const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';

/**
 * The station's photos (`.station-photos`, `.manage-photo`, `.photo-delete`) and `.photo-add`
 * (h5: `.photo-add input[type=file]`): ticket → PUT → confirm, like request attachments.
 */
export function PhotoManager({ station, onChanged }: { station: ManagedStation; onChanged: (s: ManagedStation) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const room = MAX_STATION_PHOTOS - station.photos.length;

  const add = async (files: PickedFile[]) => {
    setBusy(true);
    setError(null);
    const problems: string[] = [];
    for (const file of files.slice(0, room)) {
      try {
        onChanged(await api.managedStations.addPhoto(station.id, file));
      } catch (err) {
        problems.push(errorText(err));
      }
    }
    if (files.length > room) problems.push(`每个驿站最多 ${MAX_STATION_PHOTOS} 张照片`);
    setError(problems.length ? problems.join('\n') : null);
    setBusy(false);
  };

  const remove = async (photoId: string) => {
    const { confirm } = await Taro.showModal({ title: '删除照片', content: '骑手将看不到这张照片', confirmText: '删除' });
    if (!confirm) return;
    try {
      onChanged(await api.managedStations.deletePhoto(station.id, photoId));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const urls = station.photos.map((p) => p.url);
  return (
    <View className="section station-photos-section">
      <Text className="section-title">
        驿站照片 {station.photos.length}/{MAX_STATION_PHOTOS}
      </Text>
      <View className="station-photos">
        {station.photos.map((p) => (
          <View key={p.id} className="manage-photo">
            <Image className="station-photo" src={p.url} mode="aspectFill" onClick={() => void Taro.previewImage({ urls, current: p.url }).catch(() => {})} />
            <Text className="photo-delete" onClick={() => void remove(p.id)}>
              删除
            </Text>
          </View>
        ))}
      </View>
      {room > 0 ? <FilePicker className="photo-add" label="添加照片" busy={busy} max={room} accept={PHOTO_ACCEPT} imagesOnly onPick={(f) => void add(f)} /> : null}
      {error ? <Text className="field-error attach-error">{error}</Text> : null}
    </View>
  );
}
