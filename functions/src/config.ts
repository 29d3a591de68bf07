import type { WeChatConfig } from './ports/wechat';

export interface Config {
  /** `dev`, `test`, `prod`, …; dev-only routes refuse to run when this is `prod`. */
  stage: string;
  tableName: string;
  region: string;
  /** Set only for DynamoDB Local; unset in AWS. */
  dynamoEndpoint?: string;
  /** How long one DynamoDB call may wait for its answer (store/client.ts); the ledger worker's big pages take longer. */
  dynamoRequestTimeoutMs?: number;
  /** The attachments bucket (private; reached by presigned URLs only). */
  bucketName: string;
  /** Set only for a local S3-compatible server; unset in AWS. */
  s3Endpoint?: string;
  jwtSecret: string;
  tokenTtlSeconds: number;
  wechat?: WeChatConfig;
  /** The ledger export worker Lambda that POST /v1/ledger-exports invokes. */
  ledgerWorkerFunction: string;
  /** serverless-offline's Lambda endpoint locally; unset in AWS. */
  lambdaEndpoint?: string;
  /** Multiplies the public routes' rate limits (domain/rateLimits.ts); 1 in every deployed stage. */
  rateLimitFactor: number;
}

const LOCAL_SECRET = 'parklink-local-development-secret-not-for-prod';

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const stage = env.STAGE ?? 'dev';
  const jwtSecret = env.JWT_SECRET ?? (stage === 'prod' ? '' : LOCAL_SECRET);
  if (stage === 'prod' && jwtSecret.length < 32) {
    throw new Error('JWT_SECRET must be set to at least 32 characters in prod');
  }
  return {
    stage,
    tableName: env.TABLE_NAME ?? `parklink-${stage}`,
    region: env.AWS_REGION ?? 'cn-north-1',
    ...(env.DYNAMODB_ENDPOINT ? { dynamoEndpoint: env.DYNAMODB_ENDPOINT } : {}),
    ...(Number(env.DYNAMODB_REQUEST_TIMEOUT_MS) > 0 ? { dynamoRequestTimeoutMs: Number(env.DYNAMODB_REQUEST_TIMEOUT_MS) } : {}),
    bucketName: env.BUCKET_NAME || `parklink-${stage}-attachments`,
    ...(env.S3_ENDPOINT ? { s3Endpoint: env.S3_ENDPOINT } : {}),
    jwtSecret,
    tokenTtlSeconds: Number(env.TOKEN_TTL_SECONDS ?? 2 * 3600),
    rateLimitFactor: Number(env.RATE_LIMIT_FACTOR ?? 1) || 1,
    ledgerWorkerFunction: env.LEDGER_WORKER_FUNCTION || `parklink-${stage}-ledgerWorker`,
    ...(env.LAMBDA_ENDPOINT ? { lambdaEndpoint: env.LAMBDA_ENDPOINT } : {}),
    ...(env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
      ? {
          wechat: {
            appId: env.WECHAT_APP_ID,
            appSecret: env.WECHAT_APP_SECRET,
            apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
          },
        }
      : {}),
  };
}
