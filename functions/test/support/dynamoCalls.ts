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
}

export interface CallRecorder {
  /** The commands sent since the last take, in the order they were sent. */
  take(): SentCommand[];
}

export function recordDynamoCalls(doc: DynamoDBDocumentClient): CallRecorder {
  let sent: SentCommand[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String((context as { commandName?: string }).commandName ?? 'unknown').replace(/Command$/, '');
      sent.push(describe(name, args.input as Record<string, any>));
      return next(args);
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

function describe(name: string, input: Record<string, any>): SentCommand {
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
  return { name, keys, text: `${name} ${where}` };
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
