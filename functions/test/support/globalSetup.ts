/**
 * One DynamoDB Local (in memory) and one local S3 server (in a temp dir) for the whole integration
 * run; each test file makes its own table and bucket.
 */
import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../../scripts/local/dynamo';
import { freePort } from '../../../scripts/local/ports';
import { startS3 } from '../../../scripts/local/s3';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const [dynamo, s3] = await Promise.all([startDynamo({ port: await freePort() }), startS3({ port: await freePort() })]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await Promise.all([dynamo.stop(), s3.stop()]);
  };
}
