/**
 * Paged lists of requests. A list is one or more index ranges (sources) sorted the same way — the
 * pool, for example, is a department's categories' pools plus its own transfer pool — merged in
 * order, filtered in memory (status, category, words), and cut to a page. The cursor holds, per
 * source, the key of the last item the page consumed; it is checked against the sources the
 * server chose for this caller, so it can never open anyone else's list.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestState } from '../domain/request';
import { DomainError } from '../domain/errors';
import { stripKeys, type Db } from './db';
import { INDEX, gsiKeys, isKeyValue } from './keys';
import { upgradeRequest } from './legacy';

type IndexName = keyof typeof INDEX;

export interface Source {
  index: IndexName;
  pk: string;
  /** Sort-key condition: a prefix, or an upper bound (exclusive). */
  skPrefix?: string;
  skBelow?: string;
}

export interface ListSpec {
  sources: Source[];
  ascending: boolean;
  keep?: (state: RequestState) => boolean;
}

export interface Page {
  items: RequestState[];
  nextCursor?: string;
}

type Key = Record<string, string>;
interface Row {
  sortKey: string;
  key: Key;
  state: RequestState;
}

/** Each source is read in batches this big; a page rarely needs more than one or two. */
const BATCH = 50;

export async function listPage(db: Db, spec: ListSpec, limit: number, cursor?: string): Promise<Page> {
  const positions = decodeCursor(cursor, spec.sources);
  const readers = spec.sources.map((source, i) => new SourceReader(db, source, spec.ascending, positions[i]));
  const items: RequestState[] = [];
  while (items.length < limit) {
    await Promise.all(readers.map((r) => r.fill()));
    const next = pickNext(readers, spec.ascending);
    if (!next) break;
    const row = next.take();
    if (!spec.keep || spec.keep(row.state)) items.push(row.state);
  }
  await Promise.all(readers.map((r) => r.fill()));
  const more = readers.some((r) => !r.finished());
  return { items, ...(more ? { nextCursor: encodeCursor(spec.sources, readers.map((r) => r.position())) } : {}) };
}

function pickNext(readers: SourceReader[], ascending: boolean): SourceReader | undefined {
  let best: SourceReader | undefined;
  for (const reader of readers) {
    const head = reader.head();
    if (!head) continue;
    const bestHead = best?.head();
    if (!bestHead || (ascending ? head.sortKey < bestHead.sortKey : head.sortKey > bestHead.sortKey)) best = reader;
  }
  return best;
}

/** Reads one index range lazily, remembering the last row handed out. */
class SourceReader {
  private buffer: Row[] = [];
  private startKey: Key | undefined;
  private exhausted: boolean;
  private lastTaken: Key | undefined;

  constructor(
    private readonly db: Db,
    private readonly source: Source,
    private readonly ascending: boolean,
    start: Key | 'done' | undefined,
  ) {
    this.exhausted = start === 'done';
    this.startKey = start === 'done' ? undefined : start;
    this.lastTaken = this.startKey;
  }

  head = () => this.buffer[0];
  finished = () => this.exhausted && this.buffer.length === 0;
  position = (): Key | 'done' | undefined => (this.finished() ? 'done' : this.lastTaken);

  take(): Row {
    const row = this.buffer.shift()!;
    this.lastTaken = row.key;
    return row;
  }

  async fill(): Promise<void> {
    if (this.buffer.length > 0 || this.exhausted) return;
    const { index, pk, skPrefix, skBelow } = this.source;
    const pkName = `${index}pk`;
    const skName = `${index}sk`;
    const condition = skPrefix ? ' AND begins_with(#sk, :sk)' : skBelow ? ' AND #sk < :sk' : '';
    const page = await this.db.doc.send(
      new QueryCommand({
        TableName: this.db.tableName,
        IndexName: INDEX[index],
        KeyConditionExpression: `#pk = :pk${condition}`,
        ExpressionAttributeNames: { '#pk': pkName, ...(condition ? { '#sk': skName } : {}) },
        ExpressionAttributeValues: { ':pk': pk, ...(condition ? { ':sk': skPrefix ?? skBelow } : {}) },
        ScanIndexForward: this.ascending,
        Limit: BATCH,
        ...(this.startKey ? { ExclusiveStartKey: this.startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const key: Key = { pk: String(item.pk), sk: String(item.sk), [pkName]: String(item[pkName]), [skName]: String(item[skName]) };
      this.buffer.push({ sortKey: String(item[skName]), key, state: upgradeRequest(stripKeys<RequestState>(item)) });
    }
    this.startKey = page.LastEvaluatedKey as Key | undefined;
    this.exhausted = !this.startKey;
  }
}

function encodeCursor(sources: Source[], positions: (Key | 'done' | undefined)[]): string {
  return Buffer.from(JSON.stringify({ v: 1, p: positions.map((p) => p ?? null), s: sources.map((s) => s.pk) })).toString('base64url');
}

function decodeCursor(cursor: string | undefined, sources: Source[]): (Key | 'done' | undefined)[] {
  if (!cursor) return sources.map(() => undefined);
  const invalid = () => new DomainError('VALIDATION_FAILED', '分页游标无效，请从第一页重新加载', 'cursor: invalid cursor', 'cursor');
  let parsed: { v?: number; p?: unknown[]; s?: unknown[] };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  // The cursor must belong to exactly these sources, and each key to its source's partition.
  // (`null` and other non-objects are JSON too: reading `.v` of null would be a 500.)
  if (!parsed || typeof parsed !== 'object' || parsed.v !== 1 || !Array.isArray(parsed.p) || !Array.isArray(parsed.s)) throw invalid();
  if (parsed.s.length !== sources.length || parsed.s.some((pk, i) => pk !== sources[i]!.pk)) throw invalid();
  return parsed.p.map((position, i) => {
    if (position === null) return undefined;
    if (position === 'done') return 'done';
    const source = sources[i]!;
    const key = position as Key;
    const names = ['pk', 'sk', `${source.index}pk`, `${source.index}sk`];
    const wellFormed =
      typeof key === 'object' &&
      Object.keys(key).length === 4 &&
      // Strings DynamoDB takes as keys (an empty or overlong one is a ValidationException, a 500).
      names.every((n) => isKeyValue(key[n])) &&
      key[`${source.index}pk`] === source.pk &&
      // Inside the source's sort-key condition: DynamoDB refuses (500) a start key outside it.
      withinCondition(key[`${source.index}sk`]!, source);
    if (!wellFormed) throw invalid();
    return key;
  });
}

const withinCondition = (sk: string, source: Source) =>
  (source.skPrefix === undefined || sk.startsWith(source.skPrefix)) && (source.skBelow === undefined || sk < source.skBelow);

/** The sources behind each list. */
export const listSources = {
  enterprise: (parkId: string, enterpriseId: string): Source[] => [
    { index: 'gsi2', pk: gsiKeys.enterpriseRequests(parkId, enterpriseId, '').gsi2pk },
  ],
  pool: (parkId: string, categoryIds: string[], departmentId: string): Source[] => [
    ...categoryIds.map((c) => ({ index: 'gsi1' as const, pk: gsiKeys.categoryPool(parkId, c, '', '').gsi1pk })),
    { index: 'gsi1', pk: gsiKeys.departmentPool(parkId, departmentId, '', '').gsi1pk },
  ],
  assignedOpen: (parkId: string, userId: string): Source[] => [
    { index: 'gsi3', pk: gsiKeys.assigneeRequests(parkId, userId, true, '', '').gsi3pk, skPrefix: 'OPEN#' },
  ],
  assignedDone: (parkId: string, userId: string): Source[] => [
    { index: 'gsi3', pk: gsiKeys.assigneeRequests(parkId, userId, false, '', '').gsi3pk, skPrefix: 'DONE#' },
  ],
  /** Past their deadline: unclaimed in the department's pools, or assigned within the department. */
  overdue: (parkId: string, categoryIds: string[], departmentId: string, now: string): Source[] => [
    ...listSources.pool(parkId, categoryIds, departmentId).map((s) => ({ ...s, skBelow: now })),
    { index: 'gsi5', pk: gsiKeys.departmentAssigned(parkId, departmentId, '', '').gsi5pk, skBelow: now },
  ],
  /** Past their deadline anywhere in the park: every category's and department's pool, every department's assigned work, each once. */
  parkOverdue: (parkId: string, categoryIds: string[], departmentIds: string[], now: string): Source[] => [
    ...categoryIds.map((c) => ({ index: 'gsi1' as const, pk: gsiKeys.categoryPool(parkId, c, '', '').gsi1pk, skBelow: now })),
    ...departmentIds.flatMap((d) => [
      { index: 'gsi1' as const, pk: gsiKeys.departmentPool(parkId, d, '', '').gsi1pk, skBelow: now },
      { index: 'gsi5' as const, pk: gsiKeys.departmentAssigned(parkId, d, '', '').gsi5pk, skBelow: now },
    ]),
  ],
};
