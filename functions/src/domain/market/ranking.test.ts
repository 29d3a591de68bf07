import { describe, expect, it } from 'vitest';
import { fixtureNeeds, fixtureResources } from './ranking.fixture';
import { MIN_SCORE, needsFor, resourcesFor, score } from './ranking';
import { wordsOf } from './words';

describe('Chinese words for matching', () => {
  it('keeps terms whole that the general dictionary splits, and drops lone characters and function words', () => {
    expect(wordsOf('招聘数控车工和焊工')).toEqual(expect.arrayContaining(['数控', '车工', '焊工', '招聘']));
    expect(wordsOf('提供普惠小微企业信用贷款，无抵押')).toEqual(expect.arrayContaining(['普惠', '小微', '信用', '贷款', '抵押']));
    expect(wordsOf('专利申请与知识产权保护')).toContain('知识产权');
    expect(wordsOf('我们公司需要一笔贷款')).toEqual(['贷款']);
    for (const w of wordsOf('增值税留抵退税政策辅导，300 万元')) expect([...w].length).toBeGreaterThan(1);
  });
});

describe('suggestions', () => {
  it.each(fixtureNeeds.map(([need, best]) => [need.title, need, best] as const))('ranks the right resource first for “%s”', (_, need, best) => {
    const ranked = resourcesFor(need, fixtureResources);
    expect(ranked[0]?.candidate.id, JSON.stringify(ranked.map((r) => [r.candidate.id, r.score]))).toBe(best);
  });

  it('explains a suggestion in words: kind, shared words, the amount in range, past outcomes', () => {
    const [need] = fixtureNeeds[0]!;
    const top = resourcesFor(need, fixtureResources)[0]!;
    expect(top.reasons.map((r) => r.code)).toEqual(['kind', 'words', 'amount', 'outcomes']);
    expect(top.reasons.find((r) => r.code === 'amount')?.text).toBe('300 万元在额度 10 万元–1000 万元 内');
    expect(top.reasons.find((r) => r.code === 'outcomes')?.text).toBe('已成功对接 2 次');
    expect(top.reasons.find((r) => r.code === 'words')?.text).toMatch(/贷款/);
  });

  it('names the neighbour and the chain partner for enterprises’ resources', () => {
    const [need] = fixtureNeeds.find(([n]) => n.id === 'n-parts-supplier')!;
    const top = resourcesFor(need, fixtureResources)[0]!;
    expect(top.reasons.map((r) => r.text)).toContain('同在西区，距离近');
  });

  it('penalises an amount outside the product’s range, and leaves out what scores too little', () => {
    const [big] = fixtureNeeds.find(([n]) => n.id === 'n-big-project')!;
    const micro = fixtureResources.find((r) => r.id === 'r-psbc-micro')!;
    const fitting = score({ ...big, amountFen: 500 * 1_000_000 }, micro).score;
    expect(score(big, micro).score).toBe(fitting - 35);
    for (const r of resourcesFor(big, fixtureResources)) expect(r.score).toBeGreaterThanOrEqual(MIN_SCORE);
  });

  it('never suggests the owner’s own posts, and suggests needs for a resource the same way', () => {
    const [own] = fixtureNeeds.find(([n]) => n.id === 'n-factory')!;
    const ownSpace = { ...fixtureResources.find((r) => r.id === 'r-xinrui-space')!, owner: own.owner };
    expect(resourcesFor(own, [ownSpace])).toEqual([]);
    const micro = fixtureResources.find((r) => r.id === 'r-psbc-micro')!;
    expect(needsFor(micro, fixtureNeeds.map(([n]) => n))[0]?.candidate.id).toBe('n-equipment-loan');
  });
});
