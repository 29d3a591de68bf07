/**
 * What `npm run export-park` and `npm run import-park` share: their arguments, refused with the
 * usage line (exit 2), and the table they talk to — TABLE_NAME (default parklink-dev) at
 * DYNAMODB_ENDPOINT (default: the local DynamoDB of `npm start`, http://127.0.0.1:8000; empty for
 * a deployed stage, with AWS_REGION and AWS credentials).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { documentClient } from '../functions/src/store/client';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed options, or the usage line and exit 2 when they do not parse or `required` is missing. */
export function argumentsOrUsage(options: Options, required: string, usage: string): Record<string, string | boolean | undefined> {
  // Node 20 is the project's decision; the SDK's notice about its 2027 releases is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    const values = parseArgs({ options }).values as Record<string, string | boolean | undefined>;
    if (values[required] !== undefined) return values;
    console.error(usage);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
  }
  process.exit(2);
}

export function tableFromEnv() {
  const endpoint = process.env.DYNAMODB_ENDPOINT === undefined ? 'http://127.0.0.1:8000' : process.env.DYNAMODB_ENDPOINT;
  return {
    // A page of a big park's partition is 1 MB: more than the API's 5 s per attempt may be needed.
    doc: documentClient({ region: process.env.AWS_REGION ?? 'cn-north-1', requestTimeoutMs: 60_000, ...(endpoint ? { endpoint } : {}) }),
    tableName: process.env.TABLE_NAME ?? 'parklink-dev',
  };
}
