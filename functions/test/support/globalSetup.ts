/** One DynamoDB Local (in memory) for the whole integration run; each test file makes its own table. */
import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../../scripts/local/dynamo';
import { freePort } from '../../../scripts/local/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamo({ port: await freePort() });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
