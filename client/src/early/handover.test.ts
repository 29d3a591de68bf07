/**
 * The handover of index.html's early list (early/stationsScreen.ts) to the app: it goes when the
 * page has its own to show, once, and the tap made on it meanwhile goes with it to the page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { leaveEarlyScreen, publishEarlyScreen, publishEarlyStart, type EarlyScreen } from './handover';

afterEach(() => {
  delete (globalThis as { __parklinkEarly?: unknown }).__parklinkEarly;
});

describe('the early list’s handover', () => {
  it('is removed once, and answers the last tap made on it', () => {
    publishEarlyStart({ answers: {} });
    const remove = vi.fn();
    const screen: EarlyScreen = { element: { remove } };
    publishEarlyScreen(screen);
    screen.tap = { stationId: 'st-1', action: 'open' };
    screen.tap = { stationId: 'st-2', action: 'navigate' };
    expect(leaveEarlyScreen()).toEqual({ stationId: 'st-2', action: 'navigate' });
    expect(remove).toHaveBeenCalledTimes(1);
    expect(leaveEarlyScreen()).toBeUndefined();
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('answers nothing without a list, or for a list nobody tapped', () => {
    expect(leaveEarlyScreen()).toBeUndefined();
    publishEarlyScreen({ element: { remove: vi.fn() } }); // no early start published: nothing kept
    expect(leaveEarlyScreen()).toBeUndefined();
    publishEarlyStart({ answers: {} });
    const remove = vi.fn();
    publishEarlyScreen({ element: { remove } });
    expect(leaveEarlyScreen()).toBeUndefined();
    expect(remove).toHaveBeenCalledTimes(1);
  });
});
