import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StationDistrict, StationSummary } from '@parklink/contract';
// Not '../../api' (every area's calls, with their schemas): this page loads without zod.
import { loadSession } from '../../api/session';
import { TapButton } from '../../components/TapButton';
import { AmenityFilter } from '../../components/AmenityFilter';
import { DistrictPicker } from '../../components/DistrictPicker';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { StationCard } from '../../components/StationCard';
import { useNearby } from '../../hooks/useNearby';
import { leaveEarlyScreen } from '../../early/handover';
import { takeEarlyPosition } from '../../early/nearby';
import { openedOn } from '../../lib/launch';
import { currentPosition, LocationError, openLocationSetting, type LocationProblem } from '../../lib/location';
import { navigateTo } from '../../lib/mapNav';
import { PAGES, open, openStation, openTab } from '../../lib/nav';
import { formatShortTime } from '../../lib/time';
import { LocationBar } from './LocationBar';

/** Coming back to the page later searches again when the list is older than this. */
const STALE_MS = 60_000;

/**
 * 驿站 (the first tab): the nearest care stations, for riders without an account. Locates
 * (GCJ-02), searches open stations by default, filters by amenity; without a position a district
 * picker; the last result shows at once (上次结果) while a fresh one loads.
 */
export default function StationsPage() {
  const nearby = useNearby();
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<LocationProblem | null>(null);
  const [picking, setPicking] = useState(false);
  const [loggedIn, setLoggedIn] = useState(() => !!loadSession());
  const started = useRef(false);

  const locate = useCallback(async () => {
    setLocating(true);
    try {
      // h5: the first time, the position asked for as the app started (early/nearby.ts).
      const here = await (takeEarlyPosition() ?? currentPosition());
      setProblem(null);
      setPicking(false);
      nearby.search(here);
    } catch (err) {
      setProblem(err instanceof LocationError ? err.problem : 'failed');
      setPicking(true);
    } finally {
      setLocating(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nearby.search]);

  const start = useCallback(() => {
    if (started.current) return;
    started.current = true;
    void locate();
  }, [locate]);

  const shown = useRef(false);
  /** The page's first show: a member opening the app goes on to 首页; anyone else gets the search. */
  const firstShow = useCallback(() => {
    if (shown.current) return;
    shown.current = true;
    if (openedOn(PAGES.stations) && loadSession()) {
      openTab(PAGES.home);
      return;
    }
    start();
  }, [start]);

  useDidShow(() => {
    setLoggedIn(!!loadSession());
    if (!shown.current) firstShow();
    else if (!started.current) start();
    else if (nearby.shownOrigin && Date.now() - nearby.freshAt > STALE_MS && !nearby.loading) nearby.search();
  });
  // h5: a page mounted while another animates may miss its first onShow (see useLoader).
  useEffect(() => {
    const timer = setTimeout(firstShow, 300);
    return () => clearTimeout(timer);
  }, [firstShow]);
  usePullDownRefresh(() => {
    if (nearby.shownOrigin && !problem) nearby.search();
    else void locate();
    setTimeout(() => Taro.stopPullDownRefresh(), 600);
  });

  const pickDistrict = (d: StationDistrict) => {
    setPicking(false);
    nearby.search({ ...d.centre, district: d.name });
  };
  const openSetting = async () => {
    if (await openLocationSetting()) void locate();
  };
  const onOpen = (s: StationSummary) => openStation(s.id);

  const { items, cachedAt, error, loading } = nearby;
  const showPicker = picking || (problem !== null && !nearby.shownOrigin);

  // h5: index.html's early list (early/stationsScreen.ts) stays over this page until it has its own
  // to show — the same list, a problem or an error — and a tap made on it meanwhile is done now.
  const hasOwn = items !== null || problem !== null || error !== null;
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !hasOwn) return;
    const tap = leaveEarlyScreen();
    if (tap?.action === 'open') openStation(tap.stationId);
    const station = items?.find((s) => s.id === tap?.stationId);
    if (tap?.action === 'navigate' && station) navigateTo(station);
  }, [hasOwn, items]);

  return (
    <View className="page stations-page">
      <PrivacyPopup purpose="查找离你最近的爱心驿站需要获取你的位置" />
      <LocationBar
        origin={nearby.shownOrigin}
        locating={locating}
        problem={problem}
        onLocate={() => void locate()}
        onChooseDistrict={() => setPicking((p) => !p)}
        onOpenSetting={process.env.TARO_ENV === 'weapp' ? () => void openSetting() : undefined}
      />
      {showPicker ? <DistrictPicker current={nearby.shownOrigin?.district} onPick={pickDistrict} /> : null}

      <AmenityFilter openNow={nearby.filter.openNow} amenities={nearby.filter.amenities} onChange={nearby.setFilter} />

      {cachedAt ? (
        <Text className="stations-cached">
          上次结果 · {formatShortTime(cachedAt)}
          {loading || locating ? ' · 正在更新…' : ''}
        </Text>
      ) : null}
      {error ? (
        <View className="stations-error">
          <ErrorMessage message={error} />
          <TapButton className="stations-retry" small primary={false} onClick={() => nearby.search()}>
            重试
          </TapButton>
        </View>
      ) : null}
      {loading && !items ? <Text className="hint stations-loading">正在查找附近驿站…</Text> : null}

      {items && items.length === 0 && !loading ? (
        <EmptyState text={nearby.filter.openNow || nearby.filter.amenities.length ? '附近没有符合条件的驿站' : '附近还没有驿站'}>
          {nearby.filter.openNow ? (
            <Text className="hint empty-show-all" onClick={() => nearby.setFilter({ ...nearby.filter, openNow: false })}>
              显示已关闭的驿站
            </Text>
          ) : null}
        </EmptyState>
      ) : null}
      <View className="station-list">
        {(items ?? []).map((s) => (
          <StationCard key={s.id} station={s} onOpen={onOpen} />
        ))}
      </View>

      {!loggedIn ? (
        <Text className="member-login" onClick={() => open(PAGES.login)}>
          园区成员登录 ›
        </Text>
      ) : null}
    </View>
  );
}
