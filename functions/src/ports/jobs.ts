/**
 * Background jobs an HTTP call starts but does not wait for (a ledger of 100,000 rows takes longer
 * than API Gateway's 30 seconds). Deployed, a job is an asynchronous invocation of its worker
 * Lambda (`InvocationType: Event`: Lambda queues it, retries it twice on error, and the worker is
 * idempotent); locally, serverless-offline's Lambda endpoint does the same; in tests, the job runs
 * in this process.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';

export interface LedgerJob {
  type: 'ledgerExport';
  parkId: string;
  exportId: string;
}

export type Job = LedgerJob;

export interface Jobs {
  start(job: Job): Promise<void>;
}

export interface LambdaJobsOptions {
  region: string;
  /** The worker function's name (e.g. parklink-prod-ledgerWorker). */
  functionName: string;
  /** serverless-offline's Lambda endpoint locally; unset in AWS. */
  endpoint?: string;
}

/** The Lambda client is required on the first job only: one function starts jobs, all build deps (10–28 ms of a cold start). */
export function lambdaJobs(options: LambdaJobsOptions): Jobs {
  let client: Promise<{ client: LambdaClient; sdk: typeof import('@aws-sdk/client-lambda') }> | undefined;
  const connect = () =>
    (client ??= import('@aws-sdk/client-lambda').then((sdk) => ({
      sdk,
      client: new sdk.LambdaClient({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      }),
    })));
  return {
    async start(job) {
      const { sdk, client: lambda } = await connect();
      await lambda.send(new sdk.InvokeCommand({ FunctionName: options.functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(job)) }));
    },
  };
}

/**
 * Runs each job in this process after the call that started it answers; `settled` waits for all
 * and throws what a job threw (a worker records its own failures, so that is a bug).
 */
export function inProcessJobs(run: (job: Job) => Promise<void>): Jobs & { settled(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const errors: unknown[] = [];
  return {
    async start(job) {
      const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => run(job))
        .catch((error: unknown) => void errors.push(error))
        .finally(() => running.delete(done));
      running.add(done);
    },
    async settled() {
      while (running.size) await Promise.all([...running]);
      if (errors.length) throw errors.shift();
    },
  };
}
