/**
 * What riders leave at stations: check-ins (counted per day and per month, one per device per
 * station per hour) and problem reports (open until a host resolves them). Keys: see keys.ts.
 */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportStatus, StationReport } from '@parklink/contract';
import { CHECKIN_WINDOW_MS, chinaDate } from '../domain/stationCare';
import type { Station } from '../domain/stations';
import { isConditionFailure, putOnce, queryItems, stripKeys, type Db } from './db';
import { INDEX, gsiKeys, keys, parkPk } from './keys';
import { transact } from './stations';

export interface ReportRecord extends StationReport {
  parkId: string;
  /** Hash of the reporting device: enough to spot one phone spamming, never the device itself. */
  deviceHash: string;
}

/** A lost race between two check-ins of one device is retried a few times, then reported as not counted. */
const CHECKIN_ATTEMPTS = 3;

export const stationActivity = {
  /**
   * Counts a check-in unless this device's last counted one here is under an hour old. The lock,
   * the day's and the month's counters change in one transaction: all three or none.
   */
  async checkIn(db: Db, station: Station, deviceHash: string, now: string): Promise<{ counted: boolean; nextCountsAt: string }> {
    const at = Date.parse(now);
    const { date, month } = chinaDate(at);
    const lock = keys.checkInLock(station.id, deviceHash);
    const counter = (key: { pk: string; sk: string }, extra: Record<string, unknown>) => ({
      Update: {
        TableName: db.tableName,
        Key: key,
        UpdateExpression: `SET entity = :entity, parkId = :park, stationId = :station, ${Object.keys(extra).map((k) => `${k} = :${k}`).join(', ')} ADD #count :one`,
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':entity': 'CheckInCount', ':park': station.parkId, ':station': station.id, ':one': 1, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`:${k}`, v])) },
      },
    });
    for (let attempt = 1; attempt <= CHECKIN_ATTEMPTS; attempt++) {
      try {
        const counted = await transact(db, [
          {
            Put: {
              TableName: db.tableName,
              Item: { ...lock, entity: 'CheckInLock', parkId: station.parkId, lastAt: now, ttl: Math.ceil((at + CHECKIN_WINDOW_MS) / 1000) + 3600 },
              ConditionExpression: 'attribute_not_exists(pk) OR lastAt <= :cutoff',
              ExpressionAttributeValues: { ':cutoff': new Date(at - CHECKIN_WINDOW_MS).toISOString() },
            },
          },
          counter(keys.checkInDay(station.parkId, station.id, date), { onDate: date }),
          counter(keys.checkInMonth(station.parkId, month, station.id), { inMonth: month }),
        ]);
        if (counted) return { counted: true, nextCountsAt: new Date(at + CHECKIN_WINDOW_MS).toISOString() };
        break;
      } catch (error) {
        // Two taps of one phone at once: DynamoDB cancels one transaction as a conflict; try again.
        if (!isTransactionConflict(error) || attempt === CHECKIN_ATTEMPTS) throw error;
      }
    }
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: lock, ConsistentRead: true }));
    const lastAt = Item ? Date.parse(String(Item.lastAt)) : at;
    return { counted: false, nextCountsAt: new Date(lastAt + CHECKIN_WINDOW_MS).toISOString() };
  },

  /** Counted check-ins of one station on each of `dates` (missing days are 0). */
  async dailyCounts(db: Db, station: Station, dates: string[]): Promise<number[]> {
    if (!dates.length) return [];
    const items = await queryItems(db, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': parkPk(station.parkId),
        ':from': keys.checkInDay(station.parkId, station.id, dates[0]!).sk,
        ':to': keys.checkInDay(station.parkId, station.id, dates.at(-1)!).sk,
      },
    });
    const byDate = new Map(items.map((i) => [String(i.sk).split('#').at(-1), Number(i.count)]));
    return dates.map((d) => byDate.get(d) ?? 0);
  },

  /** Today's counted check-ins for several stations of one park, in one round trip (≤ 100 stations). */
  async countsOn(db: Db, parkId: string, stationIds: string[], date: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let i = 0; i < stationIds.length; i += 100) {
      let Keys: Record<string, unknown>[] | undefined = stationIds.slice(i, i + 100).map((id) => keys.checkInDay(parkId, id, date));
      while (Keys?.length) {
        const page = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys } } }));
        for (const item of page.Responses?.[db.tableName] ?? []) counts.set(String(item.stationId), Number(item.count));
        Keys = page.UnprocessedKeys?.[db.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return counts;
  },

  /** Counted check-ins per station for each month from `from` to `to` ('YYYY-MM'). */
  async monthCounts(db: Db, parkId: string, from: string, to: string): Promise<{ stationId: string; month: string; count: number }[]> {
    const items = await queryItems(db, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': parkPk(parkId), ':from': `CHECKINMONTH#${from}`, ':to': `CHECKINMONTH#${to}#~` },
    });
    return items.map((i) => ({ stationId: String(i.stationId), month: String(i.inMonth), count: Number(i.count) }));
  },

  async addReport(db: Db, report: ReportRecord): Promise<void> {
    // putOnce: a retry after a lost answer meets its own report and counts as written (db.ts).
    const written = await putOnce(db, {
      Item: { ...keys.stationReport(report.parkId, report.stationId, report.id), ...gsiKeys.openReport(report.parkId, report.stationId, report.id), entity: 'StationReport', ...report },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    if (!written) throw new Error(`station report ${report.id} exists already`);
  },

  /** Open reports of a park, or of one station of it, oldest first. */
  async openReports(db: Db, parkId: string, stationId?: string): Promise<ReportRecord[]> {
    const items = await queryItems(db, {
      IndexName: INDEX.gsi3,
      KeyConditionExpression: stationId ? 'gsi3pk = :pk AND begins_with(gsi3sk, :station)' : 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': gsiKeys.openReport(parkId, '', '').gsi3pk, ...(stationId ? { ':station': `${stationId}#` } : {}) },
    });
    return items.map((i) => stripKeys<ReportRecord>(i));
  },

  /** A station's latest reports, open and resolved, newest first. */
  async recentReports(db: Db, station: Station, limit = 50): Promise<ReportRecord[]> {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': parkPk(station.parkId), ':prefix': `SREPORT#${station.id}#` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((i) => stripKeys<ReportRecord>(i));
  },

  /** Resolves an open report; undefined if there is none such or it was resolved already. */
  async resolveReport(db: Db, station: Station, reportId: string, by: string, resolution: string, now: string): Promise<ReportRecord | undefined> {
    try {
      const { Attributes } = await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.stationReport(station.parkId, station.id, reportId),
          UpdateExpression: 'SET #status = :resolved, resolvedAt = :now, resolvedBy = :by, resolution = :resolution REMOVE gsi3pk, gsi3sk',
          ConditionExpression: 'attribute_exists(pk) AND #status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':resolved': 'resolved' satisfies ReportStatus, ':open': 'open' satisfies ReportStatus, ':now': now, ':by': by, ':resolution': resolution },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? stripKeys<ReportRecord>(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },
};

function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TransactionConflictException') return true;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return error.name === 'TransactionCanceledException' && reasons.some((r) => r.Code === 'TransactionConflict');
}
