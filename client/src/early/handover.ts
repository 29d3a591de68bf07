/**
 * What index.html's first-screen script (early/firstScreen.h5.ts, inlined by the h5 build) hands
 * the app when its scripts run, on a global: the position it asked for and the answers of the GETs
 * it already sent, each taken once. Pure (no Taro): it is bundled into that script too.
 *
 * Why (issue 11): on a slow phone the app's scripts take about two seconds to arrive; a first-time
 * rider's nearby search, or a member's first list, can be on its way — and back — long before,
 * instead of starting after them.
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

/** A GET the early script sent, and the Authorization it sent it with (none for a public route). */
export interface EarlyAnswer {
  answer: Promise<RawAnswer>;
  authorization?: string;
}

/** A tap on index.html's early list (early/stationsScreen.ts), carried out by the app once it has taken over. */
export interface EarlyTap {
  stationId: string;
  action: 'open' | 'navigate';
}

/** The early list on screen, and the last tap made on it. */
export interface EarlyScreen {
  element: { remove(): void };
  tap?: EarlyTap;
}

interface EarlyStart {
  position?: Promise<RawPosition>;
  /** By the exact URL asked for. */
  answers: Record<string, EarlyAnswer | undefined>;
  screen?: EarlyScreen;
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

/**
 * The answer to a GET of exactly this URL that the early script sent, once; undefined if none, or
 * if it was sent as someone else (another Authorization: the session changed meanwhile).
 */
export function takeEarlyAnswer(url: string, authorization?: string): Promise<RawAnswer> | undefined {
  const answers = (globalThis as WithEarly)[KEY]?.answers;
  const early = answers?.[url];
  if (!early) return undefined;
  answers[url] = undefined;
  return early.authorization === authorization ? early.answer : undefined;
}

/** The early script has drawn its list (it publishes its start first). */
export function publishEarlyScreen(screen: EarlyScreen): void {
  const start = (globalThis as WithEarly)[KEY];
  if (start) start.screen = screen;
}

/**
 * The app's page has something of its own to show: the early list goes. Answers the tap made on
 * it meanwhile, for the page to carry out; undefined when there was no list, or no tap.
 */
export function leaveEarlyScreen(): EarlyTap | undefined {
  const start = (globalThis as WithEarly)[KEY];
  const screen = start?.screen;
  if (!start || !screen) return undefined;
  start.screen = undefined;
  screen.element.remove();
  return screen.tap;
}
