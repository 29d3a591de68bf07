/**
 * Warm workers before the measured run. serverless-offline runs each call in an idle worker of its
 * function and starts a new one when none is idle, as Lambda starts instances: a cold start, a V8
 * isolate loading the bundle and the AWS SDK (about half a second of CPU here). In AWS those start
 * on machines of their own; here 200 users arriving at once would be 200 cold starts on 2 cores at
 * once, calls waiting on them past the Lambda timeout (10 s), whose workers serverless-offline then
 * replaces with yet more cold starts. So: bursts of simultaneous cheap calls, a few more each
 * time, up to as many as each function will see at most (one per virtual user that calls it),
 * until a burst of that size went through without a failure (then that many workers are up and
 * warm) or the time is up. With the handlers in process (the default, stack.ts) there is one
 * cold start per function and this ends after a few bursts.
 */
export interface WarmGroup {
  /** Which function's workers, for the log. */
  name: string;
  path: string;
  /** One token per simultaneous call (none for public routes). */
  tokens: (string | undefined)[];
}

export interface WarmResult {
  bursts: number;
  seconds: number;
  /** The last burst's slowest call, ms (at full size it is mostly waiting in line: the stack's throughput). */
  slowest: number;
  failures: number;
}

/** New workers a burst asks for, to begin with. */
const STEP = 10;

/** `ramp`: a few more calls a burst (workers); else every burst at full size (handlers in process: one cold start each). */
export async function warmWorkers(
  apiUrl: string,
  groups: WarmGroup[],
  options: { ramp: boolean; maxSeconds: number },
  log: (line: string) => void,
): Promise<WarmResult> {
  const { maxSeconds } = options;
  const started = Date.now();
  const total = groups.reduce((n, g) => n + g.tokens.length, 0);
  let bursts = 0;
  let failures = 0;
  let slowest = Infinity;
  // A few new workers a burst: the ones before are idle by then and are reused, so each burst only
  // pays for its new cold starts. Fewer when a burst came close to the Lambda timeout, more when quick.
  let size = options.ramp ? Math.min(total, STEP) : total;
  let step = STEP;
  let failed = 0;
  // Until a burst of the full size went through without a failure: then there are that many workers, all warm.
  for (let full = false; !(full && failed === 0) && (Date.now() - started) / 1000 < maxSeconds; ) {
    bursts++;
    full = size === total;
    const failuresBefore = failures;
    const share = size / total;
    const calls = groups.flatMap((group) =>
      group.tokens.slice(0, Math.max(1, Math.round(group.tokens.length * share))).map(async (token) => {
        const t = performance.now();
        try {
          const response = await fetch(`${apiUrl}${group.path}`, {
            headers: token ? { authorization: `Bearer ${token}` } : {},
            signal: AbortSignal.timeout(30_000),
          });
          const body = await response.text();
          // serverless-offline answers a Lambda timeout with 200 and an errorMessage (see users.ts).
          if (response.status !== 200 || body.includes('"errorMessage"')) failures++;
        } catch {
          failures++;
        }
        return performance.now() - t;
      }),
    );
    slowest = Math.max(...(await Promise.all(calls)));
    failed = failures - failuresBefore;
    log(`  burst ${bursts}: ${calls.length} calls at once, slowest ${(slowest / 1000).toFixed(1)} s${failed ? `, ${failed} failed` : ''}`);
    if (slowest > 6_000) step = Math.max(2, Math.floor(step / 2));
    else if (slowest < 3_000) step = Math.min(4 * STEP, step * 2);
    if (slowest < 8_000) size = Math.min(total, size + step);
  }
  return { bursts, seconds: (Date.now() - started) / 1000, slowest, failures };
}
