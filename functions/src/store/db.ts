import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every store module needs: the client and the table. */
export interface Db {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** DynamoDB's refusal of a conditional write (also inside a cancelled transaction). */
export function isConditionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException') return true;
  if (error.name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/** Drops the key and bookkeeping attributes before a record leaves the store. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, gsi4pk, gsi4sk, gsi5pk, gsi5sk, entity, ...rest } = item;
  void [pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, gsi4pk, gsi4sk, gsi5pk, gsi5sk, entity];
  return rest as T;
}
