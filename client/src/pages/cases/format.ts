import { bankInstrumentLabels, taxServiceLabels, type CoBuildingCase } from '@parklink/contract';
import { chinaParts } from '../../lib/chinaTime';

const FEN_PER_WAN = 1_000_000;

/** Fen → 万元 with 2 decimals, e.g. 300000000 → '300.00'. */
export function wan(fen: number): string {
  return (fen / FEN_PER_WAN).toFixed(2);
}

/** Basis points → % with 2 decimals, e.g. 385 → '3.85'. */
export function percent(bp: number): string {
  return (bp / 100).toFixed(2);
}

/** '300' / '12.5' (万元) → whole fen, or null when not a number ≥ 0 with at most 6 decimals. */
export function wanToFen(text: string): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d{1,6})?$/.test(t)) return null;
  return Math.round(Number(t) * FEN_PER_WAN);
}

/** '3.85' (%) → basis points, or null when not a number with at most 2 decimals. */
export function percentToBp(text: string): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** Today's date in China, 'YYYY-MM-DD'. */
export function chinaToday(now = Date.now()): string {
  return chinaParts(new Date(now).toISOString()).date;
}

/** The one line a card shows: `贷款 300.00 万元 · 年利率 3.85%` or `减免 12.00 万元`. */
export function headline(c: Pick<CoBuildingCase, 'kind' | 'bank' | 'tax'>): string {
  if (c.kind === 'bank' && c.bank) {
    const amount = c.bank.amountFen !== undefined ? `${wan(c.bank.amountFen)} 万元` : '金额待补充';
    const rate = c.bank.rateBp !== undefined ? ` · 年利率 ${percent(c.bank.rateBp)}%` : '';
    return `${bankInstrumentLabels[c.bank.instrument]} ${amount}${rate}`;
  }
  if (c.kind === 'tax' && c.tax) return `${taxServiceLabels[c.tax.service]} ${wan(c.tax.savedFen)} 万元`;
  return '';
}

/** The date a case counts on (granted / served). */
export function caseDateOf(c: Pick<CoBuildingCase, 'bank' | 'tax' | 'createdAt'>): string {
  return c.bank?.grantedOn ?? c.tax?.date ?? c.createdAt.slice(0, 10);
}
