/**
 * Station hours and closures are China time (UTC+8) whatever the phone's or browser's timezone.
 */
const CST_MS = 8 * 3_600_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The China wall clock of an instant, as UTC fields of a shifted Date. */
const wall = (iso: string) => new Date(Date.parse(iso) + CST_MS);

/** '20:00' (China time). */
export function chinaClock(iso: string): string {
  const d = wall(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** '11-26 08:00' (China time). */
export function chinaShort(iso: string): string {
  const d = wall(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** { date: '2026-11-26', time: '08:00' } (China time), for the closure inputs. */
export function chinaParts(iso: string): { date: string; time: string } {
  const d = wall(iso);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/** '2026-11-26' + '08:00' (China time) → ISO instant, or null when not a real date and time. */
export function fromChinaParts(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const ms = Date.parse(`${date}T${time}:00+08:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** 'YYYY-MM' of now (China time), moved by `monthsBack`. */
export function chinaMonth(monthsBack = 0, now = Date.now()): string {
  const d = new Date(now + CST_MS);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - monthsBack;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}
