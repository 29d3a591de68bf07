import type { StationSummary } from '@parklink/contract';
import { amapUrl } from './amap';

export { amapUrl };

/**
 * The h5 build's mapNav.ts (Taro resolves `./mapNav` to this file for h5): the browser's half alone,
 * without the mini-program's Taro.openLocation and Taro.showToast (see mapNav.ts).
 */
export function navigateTo(s: Pick<StationSummary, 'name' | 'address' | 'location'>): void {
  window.open(amapUrl(s), '_blank', 'noopener');
}
