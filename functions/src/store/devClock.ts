/**
 * Outside prod, browser tests move the whole stack's clock forward (to see deadlines pass without
 * sleeping): an offset kept in the table, applied to every request and job of that stage. Prod
 * never reads it.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../ports/clock';
import type { Db } from './db';

const KEY = { pk: 'DEV#CLOCK', sk: 'CLOCK' };
/** The offset's item, for reading it in the same round trip as another (directory.getCaller). */
export const CLOCK_KEY = KEY;
export const clockOffsetOf = (item: Record<string, unknown> | undefined): number => Number(item?.offsetMs ?? 0);

export async function readClockOffset(db: Db): Promise<number> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: KEY }));
  return clockOffsetOf(Item);
}

export async function writeClockOffset(db: Db, offsetMs: number): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...KEY, entity: 'DevClock', parkId: '-', offsetMs } }));
}

export const shiftedClock = (clock: Clock, offsetMs: number): Clock =>
  offsetMs ? { now: () => new Date(clock.now().getTime() + offsetMs) } : clock;
