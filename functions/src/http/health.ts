import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { Health } from '@parklink/contract';
import { json, lambdaHandler, route } from './middleware';

/** 200 only when the table answers, so `npm start` and load balancers can wait on it. */
export const healthRoutes = [
  route('health', async ({ deps }) => {
    const { Table } = await deps.db.doc.send(new DescribeTableCommand({ TableName: deps.db.tableName }));
    const body: Health = { ok: true, stage: deps.config.stage, table: Table?.TableName ?? deps.db.tableName };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(healthRoutes);
