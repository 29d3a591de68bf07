/**
 * The load run's own stack on loopback (scripts/local/stack.ts: DynamoDB Local in memory with the
 * demo park, a local S3 server, the real handlers under serverless-offline, warm). No fake WeChat:
 * nothing in the load run logs in with WeChat or pushes a message (the job timer of `npm start` is
 * not run).
 */
import { startLocalStack, type LocalStack } from '../local/stack';

export type LoadStack = LocalStack;

export interface LoadStackOptions {
  /** Multiplies the public routes' rate limits (functions/src/config.ts: RATE_LIMIT_FACTOR). */
  rateLimitFactor: number;
  /**
   * Every handler in serverless-offline's own process (PARKLINK_IN_PROCESS, serverless.yml), warm
   * after its first call, instead of a worker per simultaneous call (a cold start each, see warmup.ts).
   */
  inProcess: boolean;
  echo: boolean;
}

/** Starts the stack; `stop` may be called at any time, also while it is still starting (Ctrl-C). */
export function startLoadStack(options: LoadStackOptions): { ready: Promise<LoadStack>; stop(): Promise<void> } {
  return startLocalStack({
    name: `load-${process.pid}`,
    echo: options.echo,
    env: { PARKLINK_IN_PROCESS: String(options.inProcess), RATE_LIMIT_FACTOR: String(options.rateLimitFactor) },
  });
}
