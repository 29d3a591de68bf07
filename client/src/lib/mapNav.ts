import Taro from '@tarojs/taro';
import type { StationSummary } from '@parklink/contract';

/**
 * 导航 to a station: WeChat's map (`openLocation`, GCJ-02 like the data) in the mini-program; in the
 * browser an AMap marker page (AMap uses GCJ-02 too) in a new tab, where its route button takes over.
 */
export function navigateTo(s: Pick<StationSummary, 'name' | 'address' | 'location'>): void {
  const { lat, lng } = s.location;
  if (process.env.TARO_ENV === 'h5') {
    window.open(amapUrl(s), '_blank', 'noopener');
    return;
  }
  void Taro.openLocation({ latitude: lat, longitude: lng, name: s.name, address: s.address, scale: 17 }).catch(() => {
    void Taro.showToast({ title: '无法打开地图', icon: 'none' });
  });
}

export function amapUrl(s: Pick<StationSummary, 'name' | 'location'>): string {
  const { lat, lng } = s.location;
  return `https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`;
}
