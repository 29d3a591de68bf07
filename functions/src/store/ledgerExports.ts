/**
 * Ledger exports (台账): one item per export job in its park's partition (LEDGER#<ulid>), created
 * `running` and finished once — `ready` with its file, or `failed` — by a write conditioned on it
 * still running, so a retried or duplicated job never finishes it twice. Plus the readers the job
 * streams from: a period's requests page by page (they are the big sheet). Keys: keys.ts.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../domain/admin/audit';
import { timeSlices, type LedgerExportRecord } from '../domain/ledger/exports';
import type { RequestState } from '../domain/request';
import type { LedgerRequest } from '../domain/ledger/sheets';
import { queryPages, stripKeys, updateIf, type Db } from './db';
import { idRange, keys, parkPk } from './keys';
import { upgradeRequest } from './legacy';
import { transact } from './stations';

/** How many exports the page lists. */
const RECENT = 20;

export const ledgerExportStore = {
  /** The export and its audit event (an export is an admin action), in one transaction. */
  async create(db: Db, record: LedgerExportRecord, audit: AuditRecord): Promise<void> {
    const put = (Item: Record<string, unknown>) => ({ Put: { TableName: db.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } });
    const written = await transact(db, [
      put({ ...keys.ledgerExport(record.parkId, record.id), entity: 'LedgerExport', ...record }),
      put({ ...keys.audit(audit.parkId, audit.id), entity: 'AuditEvent', ...audit }),
    ]);
    if (!written) throw new Error(`ledger export ${record.id} already exists`);
  },

  async get(db: Db, parkId: string, id: string): Promise<LedgerExportRecord | undefined> {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.ledgerExport(parkId, id), ConsistentRead: true }));
    return Item ? stripKeys<LedgerExportRecord>(Item) : undefined;
  },

  async recent(db: Db, parkId: string): Promise<LedgerExportRecord[]> {
    const { Items = [] } = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': parkPk(parkId), ':prefix': 'LEDGER#' },
        ScanIndexForward: false,
        Limit: RECENT,
      }),
    );
    return Items.map((i) => stripKeys<LedgerExportRecord>(i));
  },

  /** Finishes a running export; false when it had already finished (a duplicate run). */
  async finish(db: Db, parkId: string, id: string, outcome: Pick<LedgerExportRecord, 'status' | 'finishedAt'> & Partial<LedgerExportRecord>): Promise<boolean> {
    const fields = Object.entries(outcome).filter(([, v]) => v !== undefined);
    return updateIf(db, {
      Key: keys.ledgerExport(parkId, id),
      UpdateExpression: `SET ${fields.map(([k]) => `#${k} = :${k}`).join(', ')}`,
      ConditionExpression: '#status = :running',
      ExpressionAttributeNames: Object.fromEntries(fields.map(([k]) => [`#${k}`, k])),
      ExpressionAttributeValues: { ...Object.fromEntries(fields.map(([k, v]) => [`:${k}`, v])), ':running': 'running' },
    });
  },

  /**
   * A period's requests a page at a time (about 1 MB each), oldest first: never all in memory. The
   * period is cut into SLICES spans of time read at once, each a page ahead of the writer, so the
   * file is written while DynamoDB answers (at most SLICES × 2 pages held).
   */
  async *requestPages(db: Db, parkId: string, start: number, end: number): AsyncGenerator<LedgerRequest[]> {
    const readers = timeSlices(start, end, SLICES).map(([from, to]) => readAhead(slicePages(db, parkId, from, to), 2));
    for (const reader of readers) yield* reader;
  },
};

const SLICES = 4;

/**
 * What a ledger row needs of a request (domain/ledger/sheets.ts), and the older fields that
 * upgradeRequest reads: a projection halves what travels and is unmarshalled (no description,
 * answered fields, attachments or index keys).
 */
const LEDGER_ATTRIBUTES = [
  'id', 'parkId', 'enterpriseId', 'enterpriseName', 'categoryId', 'categoryName', 'title', 'status', 'submittedAt', 'updatedAt', 'resolvedAt',
  'departments', 'involvedDepartmentIds', 'assignee', 'clocks', 'rating', 'timeline', 'version',
  'deadlineAt', 'firstAnsweredAt', 'departmentIds',
] as const;
const PROJECTION = {
  ProjectionExpression: LEDGER_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
  names: Object.fromEntries(LEDGER_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
};

async function* slicePages(db: Db, parkId: string, start: number, end: number): AsyncGenerator<LedgerRequest[]> {
  const [from, to] = idRange(start, end);
  for await (const page of queryPages(db, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ProjectionExpression: PROJECTION.ProjectionExpression,
    ExpressionAttributeNames: PROJECTION.names,
    ExpressionAttributeValues: { ':pk': keys.request(parkId, '').pk, ':from': `REQ#${from}`, ':to': `REQ#${to}` },
  })) {
    yield (page.Items ?? []).map((i) => upgradeRequest(i as RequestState) as LedgerRequest);
  }
}

/**
 * Starts reading at once and stays `depth` items ahead of whoever consumes it (an async generator
 * queues calls to next, so they run one after another, in order). A failure waits to be met in
 * order, not as an unhandled rejection.
 */
function readAhead<T>(source: AsyncIterator<T>, depth: number): AsyncIterable<T> {
  const next = () => {
    const result = source.next();
    result.catch(() => {});
    return result;
  };
  const ahead = Array.from({ length: depth }, next);
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const result = await ahead.shift()!;
        if (result.done) return;
        ahead.push(next());
        yield result.value;
      }
    },
  };
}
