import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoOptions {
  region: string;
  /** DynamoDB Local's URL; it accepts any credentials, so dummy ones are supplied. */
  endpoint?: string;
  /** Attempts per call, the first included (tests of faults set fewer or more). */
  maxAttempts?: number;
  /** How long one attempt waits for an answer; 5 s unless set (the ledger worker reads 1 MB pages). */
  requestTimeoutMs?: number;
}

/**
 * Retries are chosen, not inherited: the SDK's standard mode (exponential backoff with full jitter,
 * a retry quota) retries throttling, 5xx and network errors, 3 attempts in all with up to ~0.3 s
 * of waiting between them. An attempt that cannot connect gives up after 3 s, one that gets no
 * answer after 5 s: when DynamoDB is down the API answers 503 within API Gateway's 30 s
 * (store/unavailable.ts) instead of hanging until the gateway's timeout.
 * Writes that a retry could repeat are conditional (a retried put meets its own item) or carry an
 * idempotency token (TransactWriteItems' ClientRequestToken).
 */
export function documentClient(options: DynamoOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region,
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 3_000, requestTimeout: options.requestTimeoutMs ?? 5_000 },
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
