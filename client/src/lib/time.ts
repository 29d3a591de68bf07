const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Local date and time, e.g. 2026-11-23 16:05. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Time left until a deadline, in Chinese: 剩余 2 天 3 小时 / 剩余 45 分钟 / 已超时. */
export function timeLeft(deadlineIso: string, now: number = Date.now()): { text: string; overdue: boolean; urgent: boolean } {
  const ms = Date.parse(deadlineIso) - now;
  if (!(ms > 0)) return { text: '已超时', overdue: true, urgent: true };
  const minutes = Math.floor(ms / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const urgent = ms < 24 * 3600 * 1000;
  if (days > 0) return { text: `剩余 ${days} 天 ${hours} 小时`, overdue: false, urgent };
  if (hours > 0) return { text: `剩余 ${hours} 小时`, overdue: false, urgent };
  return { text: `剩余 ${Math.max(minutes, 1)} 分钟`, overdue: false, urgent };
}

/** '72小时内答复', or '3天内答复' for whole days beyond 3 days. */
export function deadlineLabel(hours: number): string {
  return hours > 72 && hours % 24 === 0 ? `${hours / 24}天内答复` : `${hours}小时内答复`;
}
