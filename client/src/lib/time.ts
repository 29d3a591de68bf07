import type { SlaSpec } from '@parklink/contract';

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

/** A clock's length in words: '4小时', '3个工作日'. */
export function slaText(sla: SlaSpec): string {
  return sla.unit === 'working_days' ? `${sla.amount}个工作日` : `${sla.amount}小时`;
}

/** What a category promises, e.g. '4小时内响应，3个工作日内办结'. */
export function deadlineLabel(category: { claimSla: SlaSpec; resolveSla: SlaSpec }): string {
  return `${slaText(category.claimSla)}内响应，${slaText(category.resolveSla)}内办结`;
}

/** Month, day and time, for tight rows: 11-26 12:50. */
export function formatShortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
