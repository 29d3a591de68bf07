import Taro from '@tarojs/taro';
import type { StationSummary } from '@parklink/contract';
import { amapUrl } from './amap';

export { amapUrl };

/**
 * 导航 to a station: WeChat's map (`openLocation`, GCJ-02 like the data) in the mini-program; in the
 * browser an AMap marker page (AMap uses GCJ-02 too) in a new tab, where its route button takes over.
 *
 * The h5 build takes mapNav.h5.ts instead (Taro picks `<name>.h5.ts` over `<name>.ts` for h5): the
 * mini-program's branch below names Taro's openLocation and showToast, and its import of them would
 * stay in the h5 stations list even though the branch never runs there — Taro's h5 toast, modal and
 * action-sheet module, 26 KB of the first screen.
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
