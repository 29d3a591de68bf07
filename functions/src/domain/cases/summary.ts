/**
 * The headline figures of co-building, from confirmed (and closed) cases only, dated in the
 * period. Pure integer arithmetic in fen and basis points: sums are exact; the average rate is the
 * amount-weighted mean of the cases that state one, rounded half up to a whole basis point.
 */
import { BankInstrument, TaxService, type CaseSummary, type CaseSummaryQuery } from '@parklink/contract';
import { monthsBetween } from '../stationCare';
import { caseDate, type CaseRecord } from './case';

export const counts = (c: CaseRecord) => c.status === 'confirmed' || c.status === 'closed';

export function summarise(cases: CaseRecord[], query: CaseSummaryQuery): CaseSummary {
  const inScope = cases.filter((c) => {
    const date = caseDate(c);
    return counts(c) && date >= query.from && date <= query.to && (!query.kind || c.kind === query.kind) && (!query.departmentId || c.department.id === query.departmentId);
  });
  const bank = inScope.filter((c) => c.kind === 'bank' && c.bank?.amountFen !== undefined);
  const tax = inScope.filter((c) => c.kind === 'tax' && c.tax);
  const amount = (c: CaseRecord) => (c.kind === 'bank' ? (c.bank?.amountFen ?? 0) : 0);
  const saved = (c: CaseRecord) => (c.kind === 'tax' ? (c.tax?.savedFen ?? 0) : 0);
  const sum = (list: CaseRecord[], f: (c: CaseRecord) => number) => list.reduce((n, c) => n + f(c), 0);

  const averageRateBp = weightedRate(bank.filter((c) => c.bank?.rateBp !== undefined).map((c) => [c.bank!.rateBp!, amount(c)]));

  const departments = new Map<string, { id: string; name: string; cases: number; amountFen: number; savedFen: number }>();
  for (const c of inScope) {
    const d = departments.get(c.department.id) ?? { ...c.department, cases: 0, amountFen: 0, savedFen: 0 };
    d.cases++;
    d.amountFen += amount(c);
    d.savedFen += saved(c);
    departments.set(c.department.id, d);
  }
  const months = monthsBetween(query.from.slice(0, 7), query.to.slice(0, 7));
  return {
    from: query.from,
    to: query.to,
    cases: inScope.length,
    enterprisesServed: new Set(inScope.flatMap((c) => c.enterprises.map((e) => e.id))).size,
    bank: {
      cases: bank.length,
      amountFen: sum(bank, amount),
      byInstrument: BankInstrument.options
        .map((instrument) => {
          const of = bank.filter((c) => c.bank!.instrument === instrument);
          return { instrument, cases: of.length, amountFen: sum(of, amount) };
        })
        .filter((i) => i.cases > 0),
      preferentialAmountFen: sum(bank.filter((c) => c.bank!.preferential), amount),
      ...(averageRateBp !== undefined ? { averageRateBp } : {}),
    },
    tax: {
      cases: tax.length,
      savedFen: sum(tax, saved),
      byService: TaxService.options
        .map((service) => {
          const of = tax.filter((c) => c.tax!.service === service);
          return { service, cases: of.length, savedFen: sum(of, saved) };
        })
        .filter((s) => s.cases > 0),
    },
    byDepartment: [...departments.values()].sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name, 'zh')),
    byMonth: months.map((month) => {
      const of = inScope.filter((c) => caseDate(c).startsWith(month));
      return { month, cases: of.length, amountFen: sum(of, amount), savedFen: sum(of, saved) };
    }),
  };
}

/**
 * Σ(rate × amount) / Σ amount, rounded half up. In BigInt: rate × amount reaches 10^17 and more,
 * past the 2^53 where a Number stops being exact.
 */
export function weightedRate(pairs: [rateBp: number, amountFen: number][]): number | undefined {
  const weight = pairs.reduce((n, [, a]) => n + BigInt(a), 0n);
  if (weight === 0n) return undefined;
  const total = pairs.reduce((n, [r, a]) => n + BigInt(r) * BigInt(a), 0n);
  return Number((2n * total + weight) / (2n * weight));
}
