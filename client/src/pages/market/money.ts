/** Money, rates and dates as people type and read them (万元, %, YYYY-MM-DD) ↔ the contract's units. */

const FEN_PER_WAN = 1_000_000;
const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3_600_000;

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** Fen as words: 300 万元 / 1.5 亿元 / 800 元. */
export function fenText(fen: number): string {
  const yuan = fen / 100;
  if (yuan >= 1e8) return `${trim(yuan / 1e8, 4)} 亿元`;
  if (yuan >= 1e4) return `${trim(yuan / 1e4, 4)} 万元`;
  return `${trim(yuan, 2)} 元`;
}

/** A range of fen: 10–1000 万元, 10 万元起, 最高 1000 万元. */
export function fenRangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) {
    const [a, b] = [fenText(min), fenText(max)];
    const unit = (s: string) => s.replace(/^[\d.]+ /, '');
    return unit(a) === unit(b) ? `${a.split(' ')[0]}–${b}` : `${a}–${b}`;
  }
  if (min !== undefined) return `${fenText(min)}起`;
  if (max !== undefined) return `最高 ${fenText(max)}`;
  return '';
}

/** Fen → the 万元 number for an input box ('' when absent). */
export const fenToWan = (fen?: number): string => (fen === undefined ? '' : trim(fen / FEN_PER_WAN, 6));

export type Parsed = { ok: true; value: number | undefined } | { ok: false; message: string };

/** 万元 typed → whole fen; empty → undefined. At most 6 decimals (1 分), more than 0. */
export function wanToFen(text: string): Parsed {
  const t = text.trim();
  if (!t) return { ok: true, value: undefined };
  if (!/^\d+(\.\d{1,6})?$/.test(t)) return { ok: false, message: '请输入金额（万元），最多 6 位小数' };
  const [whole, frac = ''] = t.split('.');
  const fen = Number(whole) * FEN_PER_WAN + Number(frac.padEnd(6, '0'));
  if (!(fen > 0)) return { ok: false, message: '金额应大于 0' };
  if (!Number.isSafeInteger(fen)) return { ok: false, message: '金额过大' };
  return { ok: true, value: fen };
}

/** % typed → whole basis points; empty → undefined. */
export function percentToBp(text: string): Parsed {
  const t = text.trim();
  if (!t) return { ok: true, value: undefined };
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return { ok: false, message: '请输入年利率（%），最多 2 位小数' };
  const [whole, frac = ''] = t.split('.');
  const bp = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (bp > 10_000) return { ok: false, message: '利率最高 100%' };
  return { ok: true, value: bp };
}

export const bpToPercent = (bp?: number): string => (bp === undefined ? '' : trim(bp / 100, 2));

/** Whole months typed; empty → undefined. */
export function monthsOf(text: string): Parsed {
  const t = text.trim();
  if (!t) return { ok: true, value: undefined };
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 600) return { ok: false, message: '期限应为 1–600 的整数（月）' };
  return { ok: true, value: Number(t) };
}

/** The China date (YYYY-MM-DD) of an instant, `days` later. */
export function chinaDate(at: number = Date.now(), days = 0): string {
  return new Date(at + days * DAY_MS + CHINA_MS).toISOString().slice(0, 10);
}

/** A date picked → the end of that day in China, as the ISO instant the API wants. */
export function endOfChinaDay(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59.000+08:00`)).toISOString();
}

/** Words separated by spaces, commas or 、 → tags (no repeats, no empties). */
export function tagsOf(text: string): string[] {
  return Array.from(new Set(text.split(/[\s,，、;；]+/).map((t) => t.trim()).filter(Boolean)));
}
