import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** The host's photos as thumbnails (`.station-photo`); tap for the full-screen preview. */
export function Photos({ photos }: { photos: { id: string; url: string }[] }) {
  if (photos.length === 0) return null;
  const urls = photos.map((p) => p.url);
  return (
    <View className="station-photos">
      {photos.map((p) => (
        <Image
          key={p.id}
          className="station-photo"
          src={p.url}
          mode="aspectFill"
          lazyLoad
          onClick={() => void Taro.previewImage({ urls, current: p.url }).catch(() => {})}
        />
      ))}
    </View>
  );
}
