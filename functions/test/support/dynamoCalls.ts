/**
 * Counts the DynamoDB round trips a test app makes, by SDK middleware on its DocumentClient. The
 * `initialize` step runs once per command sent (the SDK's retries happen later, in
 * `finalizeRequest`), so this is one per logical call: a BatchGetItem or a TransactWriteItems
 * counts as one, a retried Put as one.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLOCK_KEY } from '../../src/store/devClock';

type Key = { pk?: unknown; sk?: unknown };

export interface SentCommand {
  /** GetItem, Query, BatchGetItem, TransactWriteItems, … */
  name: string;
  /** The keys a command reads or writes by key (none for a Query). */
  keys: Key[];
  /** One line for a failure message: the command and what it touched. */
  text: string;
  /** Where in the app's sequence of DynamoDB events the call was sent and answered (see `roundTrips`). */
  sentAt: number;
  answeredAt: number;
}

export interface CallRecorder {
  /** The commands sent since the last take, in the order they were sent. */
  take(): SentCommand[];
}

export function recordDynamoCalls(doc: DynamoDBDocumentClient): CallRecorder {
  let sent: SentCommand[] = [];
  let events = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String((context as { commandName?: string }).commandName ?? 'unknown').replace(/Command$/, '');
      const command = describe(name, args.input as Record<string, any>, ++events);
      sent.push(command);
      try {
        return await next(args);
      } finally {
        command.answeredAt = ++events;
      }
    },
    { step: 'initialize', name: 'countDynamoCalls', override: true },
  );
  return {
    take() {
      const taken = sent;
      sent = [];
      return taken;
    },
  };
}

function describe(name: string, input: Record<string, any>, sentAt: number): SentCommand {
  const keys: Key[] = [];
  if (input.Key) keys.push(input.Key);
  if (input.Item) keys.push({ pk: input.Item.pk, sk: input.Item.sk });
  for (const table of Object.values<any>(input.RequestItems ?? {})) {
    if (Array.isArray(table)) for (const w of table) keys.push(w.PutRequest?.Item ?? w.DeleteRequest?.Key ?? {});
    else keys.push(...(table.Keys ?? []));
  }
  for (const item of input.TransactItems ?? []) {
    const op = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck ?? item.Get ?? {};
    keys.push(op.Key ?? { pk: op.Item?.pk, sk: op.Item?.sk });
  }
  const shown = (k: Key) => `${String(k.pk)}|${String(k.sk)}`;
  const where = input.KeyConditionExpression
    ? `${input.IndexName ?? 'table'} ${JSON.stringify(input.ExpressionAttributeValues?.[':pk'] ?? input.ExpressionAttributeValues)}`
    : keys.map(shown).join(', ');
  return { name, keys, text: `${name} ${where}`, sentAt, answeredAt: Number.POSITIVE_INFINITY };
}

/**
 * Round trips: the longest chain of calls each sent only after the one before it was answered.
 * Calls sent together (a Promise.all of queries) share one round trip — the user waits for the
 * slowest of them, not for their sum — while a read that needs an earlier read's answer adds one.
 */
export function roundTrips(commands: SentCommand[]): number {
  const depth = new Map<SentCommand, number>();
  const bySending = [...commands].sort((a, b) => a.sentAt - b.sentAt);
  for (const command of bySending) {
    const before = bySending.filter((other) => other.answeredAt < command.sentAt).map((other) => depth.get(other) ?? 0);
    depth.set(command, 1 + Math.max(0, ...before));
  }
  return Math.max(0, ...depth.values());
}

const sameKey = (a: Key, b: Key) => a.pk === b.pk && a.sk === b.sk;

export interface Split {
  /** The middleware's own read of the caller's record (a public route's rate-limit counters instead). */
  auth: SentCommand[];
  /** The dev clock's own read (0 when it rides along with the caller's record). */
  clock: SentCommand[];
  /** Everything the route's handler sent. */
  route: SentCommand[];
}

/**
 * Splits a call's commands into the middleware's and the route's: the first command that reads the
 * caller's user record is authentication (and the clock with it if the same round trip reads the
 * clock), a command that reads the clock alone is the clock, a public route's counter updates are
 * its guard (`auth`); everything else is the route's own work.
 */
export function split(commands: SentCommand[], caller: Key | undefined): Split {
  const result: Split = { auth: [], clock: [], route: [] };
  let authSeen = false;
  for (const command of commands) {
    if (!authSeen && caller && command.keys.some((k) => sameKey(k, caller))) {
      authSeen = true;
      result.auth.push(command);
    } else if (command.keys.length === 1 && sameKey(command.keys[0]!, CLOCK_KEY) && command.name === 'GetItem') {
      result.clock.push(command);
    } else if (!caller && command.name === 'UpdateItem' && String(command.keys[0]?.pk).startsWith('RATE#')) {
      result.auth.push(command);
    } else {
      result.route.push(command);
    }
  }
  return result;
}
