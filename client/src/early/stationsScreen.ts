/**
 * h5: the nearest stations, drawn by index.html's early script (firstScreen.h5.ts) from the early
 * search's answer while the app is still starting. Why (issue 11): on a slow phone the answer is
 * in about 1.2 s before Taro and React have drawn the page, and a rider on a scooter wants the
 * nearest open station, not a blank screen.
 *
 * It is the stations page as the app draws it (the same classes, so app.css gives it the same
 * look; the same words, from lib/stationText.ts), laid over the page's place until the app's own
 * page has something to show: the app then removes it (handover.ts `leaveEarlyScreen`) and carries
 * out a tap made on it meanwhile — a station opened, or 导航. Plain DOM and text nodes only: names
 * and addresses come from the API and are never parsed as HTML. Pure of Taro: it is inlined.
 */
import type { StationSummary } from '@parklink/contract';
// The plain values, not the package's index: that one holds the schemas, and index.html no zod.
import { AMENITIES, amenityLabels } from '@parklink/contract/values/stations';
import { distanceText } from '../lib/geo';
import { FIRST_FILTER } from '../lib/nearbySearch';
import { STATIONS_WORDS, minutesText, openNowChipText, openText, todayText } from '../lib/stationText';
import type { EarlyTap } from './handover';

/** The class of the layer (app.css places it over the page) and of its page inside. */
export const EARLY_SCREEN_CLASS = 'early-screen';
export const EARLY_STATIONS_CLASS = 'early-stations';

function el(tag: 'div' | 'span', className: string, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  for (const child of children) node.append(child);
  return node;
}

/** As components/StationCard.tsx draws one station. */
function card(s: StationSummary, onTap: (tap: EarlyTap) => void): HTMLElement {
  const nav = el('div', 'btn tap-button btn-primary btn-small station-nav', el('span', 'tap-button-label', STATIONS_WORDS.navigate));
  nav.addEventListener('click', (e) => {
    e.stopPropagation();
    nav.classList.add('tap-button-hover');
    onTap({ stationId: s.id, action: 'navigate' });
  });
  const tags = s.amenities.length
    ? [el('div', 'amenity-tags', ...s.amenities.map((a) => el('span', `amenity-tag amenity-${a}`, amenityLabels[a])))]
    : [];
  const node = el(
    'div',
    `card station-card ${s.openNow ? 'station-card-open' : 'station-card-closed'}`,
    el('div', 'card-head', el('span', 'card-title station-name', s.name), el('span', 'station-distance', distanceText(s.distanceMetres))),
    el('span', 'card-meta station-minutes', minutesText(s)),
    el('div', 'station-state-row', el('span', `station-state ${s.openNow ? 'station-open' : 'station-closed'}`, openText(s)), el('span', 'station-hours', todayText(s))),
    el('div', 'card-foot', ...tags, nav),
  );
  node.addEventListener('click', () => {
    node.classList.add('tap-button-hover');
    onTap({ stationId: s.id, action: 'open' });
  });
  return node;
}

/**
 * The early stations screen: where the list is from (the rider's position), the first-visit
 * filter, and the stations. A tap is handed to `onTap` (the last one counts).
 */
export function drawStationsScreen(stations: StationSummary[], onTap: (tap: EarlyTap) => void): HTMLElement {
  const chips = [
    el('span', `filter-chip filter-open-now ${FIRST_FILTER.openNow ? 'filter-chip-on' : ''}`, openNowChipText(FIRST_FILTER.openNow)),
    ...AMENITIES.map((a) => el('span', `filter-chip amenity-chip amenity-chip-${a}`, amenityLabels[a])),
  ];
  const page = el(
    'div',
    `page ${EARLY_STATIONS_CLASS}`,
    el(
      'div',
      'location-bar',
      el('span', 'location-where', `📍 ${STATIONS_WORDS.nearMe}`),
      el('div', 'location-actions', el('span', 'location-action', STATIONS_WORDS.locate), el('span', 'location-action', STATIONS_WORDS.chooseDistrict)),
    ),
    el('div', 'amenity-filter', ...chips),
    el('div', 'station-list', ...stations.map((s) => card(s, onTap))),
  );
  return el('div', EARLY_SCREEN_CLASS, page);
}
