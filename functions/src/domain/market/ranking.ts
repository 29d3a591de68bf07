/**
 * Suggested matches with the reasons shown to people. One scoring function judges a need against
 * a resource; suggestions for a need rank resources by it, and for a resource rank needs by it.
 *
 * Points (at most about 100), each with its reason:
 * - same kind (融资 with 融资)                                   30
 * - the resource is meant for the need's industry                15
 *   (an enterprise's resource: the same industry, a chain partner) 10
 * - the resource serves the need's zone                          10
 *   (an enterprise's resource in the same zone: a neighbour)       10
 * - shared words (segmented, words.ts), 6 a word                 ≤ 30
 * - the amount lies in the product's range                       15; outside it −20 (no reason shown)
 * - past outcomes: matches through the resource that succeeded   3 each, ≤ 10
 * A candidate below MIN_SCORE is not suggested: it would be noise.
 */
import { marketKindLabels, type SuggestionReason } from '@parklink/contract';
import type { NeedRecord, ResourceRecord } from './posts';

export const MIN_SCORE = 25;
export const MAX_SUGGESTIONS = 10;

export interface Scored {
  score: number;
  reasons: SuggestionReason[];
}

const yuan = (fen: number) => {
  const y = fen / 100;
  if (y >= 1e8) return `${trim(y / 1e8)} 亿元`;
  if (y >= 1e4) return `${trim(y / 1e4)} 万元`;
  return `${trim(y)} 元`;
};
const trim = (n: number) => String(Math.round(n * 100) / 100);

export function score(need: NeedRecord, resource: ResourceRecord): Scored {
  const reasons: SuggestionReason[] = [];
  let points = 0;
  const add = (n: number, reason?: SuggestionReason) => {
    points += n;
    if (reason) reasons.push(reason);
  };

  if (need.kind === resource.kind) add(30, { code: 'kind', text: `同为${marketKindLabels[need.kind]}类` });

  if (resource.industries.includes(need.industry)) add(15, { code: 'industry', text: `面向${need.industry}行业` });
  else if (resource.ownerIndustry && resource.ownerIndustry === need.industry) add(10, { code: 'industry', text: `同属${need.industry}行业，产业链伙伴` });

  if (resource.zones.includes(need.zone)) add(10, { code: 'zone', text: `服务${need.zone}` });
  else if (resource.ownerZone && resource.ownerZone === need.zone) add(10, { code: 'zone', text: `同在${need.zone}，距离近` });

  const resourceWords = new Set(resource.words);
  const shared = need.words.filter((w) => resourceWords.has(w));
  if (shared.length) add(Math.min(30, shared.length * 6), { code: 'words', text: `关键词相同：${shared.slice(0, 4).join('、')}` });

  const { amountMinFen: min, amountMaxFen: max } = resource.terms;
  if (need.amountFen !== undefined && (min !== undefined || max !== undefined)) {
    const fits = (min === undefined || need.amountFen >= min) && (max === undefined || need.amountFen <= max);
    if (fits) add(15, { code: 'amount', text: `${yuan(need.amountFen)}在额度${rangeText(min, max)}内` });
    else add(-20);
  }

  if (resource.succeededMatches > 0) add(Math.min(10, resource.succeededMatches * 3), { code: 'outcomes', text: `已成功对接 ${resource.succeededMatches} 次` });

  return { score: points, reasons };
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` ${yuan(min)}–${yuan(max)} `;
  if (min !== undefined) return ` ${yuan(min)}以上`;
  return ` ${yuan(max!)}以内`;
}


/** Best first; ties by the newer candidate (higher id). Only candidates worth showing. */
function rank<T extends { id: string }>(candidates: T[], judge: (c: T) => Scored): (Scored & { candidate: T })[] {
  return candidates
    .map((candidate) => ({ candidate, ...judge(candidate) }))
    .filter((s) => s.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || b.candidate.id.localeCompare(a.candidate.id))
    .slice(0, MAX_SUGGESTIONS);
}

/** Resources for a need; never the need owner's own resources. */
export const resourcesFor = (need: NeedRecord, resources: ResourceRecord[]) =>
  rank(resources.filter((r) => !(r.owner.kind === need.owner.kind && r.owner.id === need.owner.id)), (r) => score(need, r));

/** Needs for a resource; never its owner's own needs. */
export const needsFor = (resource: ResourceRecord, needs: NeedRecord[]) =>
  rank(needs.filter((n) => !(n.owner.kind === resource.owner.kind && n.owner.id === resource.owner.id)), (n) => score(n, resource));
