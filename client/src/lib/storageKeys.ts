/** Storage keys read before the app's scripts run too (early/firstScreen.h5.ts), so kept here, free of Taro. */
export const SESSION_KEY = 'parklink.session';
export const LAST_STATIONS_KEY = 'parklink.stations.last';
