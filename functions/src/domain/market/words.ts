/**
 * Chinese (and mixed) text as words, for search and for the "matching words" reason: segmented
 * by ICU's dictionary (Intl.Segmenter, zh, word granularity), not by single characters.
 *
 * ICU's general dictionary splits many terms of this trade into single characters (数|控,
 * 普|惠|小|微, 知识|产权 …). Two remedies, in order: a small lexicon of the market's own terms is
 * taken out first, whole; then a run of single characters left by the segmenter (not broken by a
 * function character such as 和 or 与) is read as one word — 数控, 车工. Lone characters, common
 * function words and bare numbers carry no meaning for matching and are dropped.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Terms of enterprise services that the general dictionary does not keep whole. */
const LEXICON = [
  '知识产权', '专精特新', '零部件', '数控', '普惠', '小微', '退税', '留抵', '减免', '贴息', '担保', '授信', '增值税', '所得税',
  '车工', '焊工', '钳工', '厂房', '仓储', '冷链', '环评', '安评', '高新技术', '研发费用', '加计扣除', '社保', '公积金',
];

const STOPWORDS = new Set([
  '我们', '你们', '他们', '公司', '企业', '需要', '希望', '可以', '进行', '用于', '以及', '相关', '提供', '目前', '一个', '没有',
  '我司', '本公司', '能够', '已经', '如果', '因为', '所以', '但是', '还是', '或者', '以上', '左右', '一些', '这个', '那个', '急需',
]);

/** Single characters that join clauses or count things, not terms: they end a run of singles. */
const FUNCTION_CHARS = new Set([...'和与及或的了在是无对为把被将从向于以等', ...'一二两三几每个笔项名位条次']);

const HAN = /\p{Script=Han}/u;
const isSingleHan = (s: string) => [...s].length === 1 && HAN.test(s);

/** The meaningful words of a text, lower-cased, without repeats, lexicon terms first. */
export function wordsOf(text: string): string[] {
  let rest = text.normalize('NFKC').toLowerCase();
  const words = new Set<string>();
  for (const term of LEXICON) {
    if (!rest.includes(term)) continue;
    words.add(term);
    rest = rest.split(term).join(' ');
  }
  let run = '';
  const endRun = () => {
    if ([...run].length >= 2) words.add(run);
    run = '';
  };
  for (const part of segmenter.segment(rest)) {
    const token = part.segment;
    if (part.isWordLike && isSingleHan(token) && !FUNCTION_CHARS.has(token)) {
      run += token;
      continue;
    }
    endRun();
    if (!part.isWordLike || STOPWORDS.has(token) || /^\d+$/.test(token) || isSingleHan(token)) continue;
    if ([...token].length >= 2) words.add(token);
  }
  endRun();
  return [...words];
}

/** True when every word of the query is found in the text (a query of no words: its raw text). */
export function matchesQuery(query: string, haystack: string): boolean {
  const text = haystack.normalize('NFKC').toLowerCase();
  const words = wordsOf(query);
  const terms = words.length ? words : [query.normalize('NFKC').toLowerCase().trim()];
  return terms.every((w) => text.includes(w));
}
