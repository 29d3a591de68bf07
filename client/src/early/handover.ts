/**
 * What index.html's first-screen script (early/firstScreen.h5.ts, inlined by the h5 build) hands
 * the app when its scripts run, on a global: the position it asked for and the answers of the GETs
 * it already sent, each taken once. Pure (no Taro): it is bundled into that script too.
 *
 * Why (issue 11): on a slow phone the app's scripts take about two seconds to arrive; a first-time
 * rider's nearby search can be on its way — and back — long before, instead of starting after them.
 */

/** A position as the browser gives it (WGS-84), before any conversion. */
export interface RawPosition {
  latitude: number;
  longitude: number;
}

/** An HTTP answer as `Taro.request` resolves with one, the body still text. */
export interface RawAnswer {
  statusCode: number;
  header: Record<string, string>;
  data: string;
}

interface EarlyStart {
  position?: Promise<RawPosition>;
  /** By the exact URL asked for. */
  answers: Record<string, Promise<RawAnswer> | undefined>;
}

/** How long a position may take, on both paths (Taro's getLocation and the early script). */
export const LOCATION_TIMEOUT_MS = 10_000;

/** The stations page, the app's first (app.config.ts): opened with no hash. */
export const STATIONS_ROUTE = 'pages/stations/index';

const KEY = '__parklinkEarly';

type WithEarly = typeof globalThis & { [KEY]?: EarlyStart };

/** The route the h5 app opened on, as Taro's hash router reads it (no hash: the first page). */
export function openedRoute(): string {
  return location.hash.replace(/^#\/?/, '').split('?')[0]!.replace(/\/$/, '') || STATIONS_ROUTE;
}

export function publishEarlyStart(start: EarlyStart): void {
  (globalThis as WithEarly)[KEY] = start;
}

/** The position the early script asked for, once; undefined when it asked for none. */
export function takeAskedPosition(): Promise<RawPosition> | undefined {
  const start = (globalThis as WithEarly)[KEY];
  const position = start?.position;
  if (start) start.position = undefined;
  return position;
}

/** The answer to a GET of exactly this URL that the early script sent, once; undefined if none. */
export function takeEarlyAnswer(url: string): Promise<RawAnswer> | undefined {
  const answers = (globalThis as WithEarly)[KEY]?.answers;
  const answer = answers?.[url];
  if (answer) answers[url] = undefined;
  return answer;
}
