/**
 * `serverless package --stage prod` works offline (no AWS account) and the CloudFormation it makes
 * is what we mean to deploy: the table from table.json with PITR, every contract route on the
 * function that serves it, IAM limited to the table.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeKey, routes, type RouteName } from '@parklink/contract';
import table from '../../functions/src/store/table.json';
import { functionRoutes as allFunctionRoutes } from '../../functions/src/http/all';
import { policy } from '../../functions/src/http/policy';

/** What a deployed stage serves: every function but the development one (devOnly routes). */
const DEV_ONLY = (Object.keys(routes) as RouteName[]).filter((name) => policy[name].devOnly);
const functionRoutes = Object.fromEntries(Object.entries(allFunctionRoutes).filter(([, list]) => !list.every((r) => DEV_ONLY.includes(r.name))));

const ROOT = resolve(__dirname, '../..');
/** Functions run by a schedule rather than a route. */
/** Functions without HTTP routes: scheduled jobs and the worker the ledger function invokes. */
const SCHEDULED = ['overdueSweep', 'pushSender', 'ledgerWorker'];
/** The prod h5 site's origins, as an operator names them at deploy time (scripts/deploy/webOrigins.cjs). */
const WEB_ORIGINS = ['https://yqt.example.gov.cn', 'https://admin.yqt.example.gov.cn'];

let template: { Resources: Record<string, { Type: string; Properties: any }> };
let packageDir: string;

beforeAll(async () => {
  packageDir = mkdtempSync(join(tmpdir(), 'parklink-package-'));
  await promisify(execFile)(
    resolve(ROOT, 'node_modules/.bin/serverless'),
    ['package', '--stage', 'prod', '--package', packageDir],
    { cwd: ROOT, env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', PARKLINK_ESBUILD_DIR: '.esbuild-package', PARKLINK_WEB_ORIGINS: WEB_ORIGINS.join(',') } },
  );
  template = JSON.parse(readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'));
});

const resourcesOf = (type: string) => Object.values(template.Resources).filter((r) => r.Type === type);

describe('the prod package', () => {
  it('deploys the table defined in table.json, with point-in-time recovery', () => {
    const [tableResource, ...others] = resourcesOf('AWS::DynamoDB::Table');
    expect(others).toHaveLength(0);
    const props = tableResource!.Properties;
    expect(props.TableName).toBe('parklink-prod');
    expect(props.KeySchema).toEqual(table.KeySchema);
    expect(props.AttributeDefinitions).toEqual(table.AttributeDefinitions);
    expect(props.GlobalSecondaryIndexes).toEqual(table.GlobalSecondaryIndexes);
    expect(props.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName)).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5']);
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
  });

  it('routes every contract route, on the function that serves it, and nothing else', () => {
    const integrationFunction = new Map<string, string>();
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::ApiGatewayV2::Integration') continue;
      const uri = JSON.stringify(resource.Properties.IntegrationUri);
      const fn = uri.match(/"(\w+)LambdaFunction"/)?.[1];
      if (fn) integrationFunction.set(logicalId, fn.toLowerCase());
    }
    const deployed = resourcesOf('AWS::ApiGatewayV2::Route').map((route) => {
      const target = JSON.stringify(route.Properties.Target);
      const integration = [...integrationFunction.keys()].find((id) => target.includes(`"${id}"`));
      return `${route.Properties.RouteKey} → ${integration ? integrationFunction.get(integration) : '?'}`;
    });
    const expected = Object.entries(functionRoutes).flatMap(([fn, list]) =>
      // CloudFormation names a function's resource after it with a capital first letter: compare without case.
      list.map((r) => `${routeKey(r.name)} → ${fn.toLowerCase()}`),
    );
    expect(deployed.sort()).toEqual(expected.sort());
    // …and every route in the contract but the development ones is deployed.
    const handled = new Set<RouteName>(Object.values(functionRoutes).flat().map((r) => r.name));
    expect([...handled].sort()).toEqual((Object.keys(routes) as RouteName[]).filter((name) => !DEV_ONLY.includes(name)).sort());
  });

  it('has no demo login or test hook at all: no route, no function', () => {
    expect(DEV_ONLY.sort()).toEqual(['devClock', 'devLogin', 'devSweep', 'devUsers']);
    const routeKeys = resourcesOf('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey as string);
    for (const name of DEV_ONLY) expect(routeKeys).not.toContain(routeKey(name));
    expect(routeKeys.filter((key) => /\/v1\/(auth\/)?dev\b/.test(key))).toEqual([]);
    expect(Object.keys(template.Resources).filter((id) => /^DevLambdaFunction/.test(id))).toEqual([]);
  });

  it('lets browsers call the API from the named h5 origins only', () => {
    const [api] = resourcesOf('AWS::ApiGatewayV2::Api');
    expect(api!.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: WEB_ORIGINS,
      AllowHeaders: expect.arrayContaining(['Authorization', 'Idempotency-Key']),
    });
    expect(JSON.stringify(template)).not.toContain('"AllowOrigins":["*"]');
  });

  it('runs every function on nodejs22.x with the prod table and secrets from SSM', () => {
    const functions = resourcesOf('AWS::Lambda::Function');
    expect(functions).toHaveLength(Object.keys(functionRoutes).length + SCHEDULED.length);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      const env = fn.Properties.Environment.Variables;
      expect(env).toMatchObject({ STAGE: 'prod', TABLE_NAME: 'parklink-prod', DYNAMODB_ENDPOINT: '' });
      expect(env.JWT_SECRET).toBe('{{resolve:ssm:/parklink/prod/jwt-secret}}');
      expect(env.WECHAT_APP_SECRET).toBe('{{resolve:ssm:/parklink/prod/wechat-app-secret}}');
    }
  });

  it('grants DynamoDB access to the table and its indexes only — no wildcard resources', () => {
    const statements = resourcesOf('AWS::IAM::Role').flatMap((role) =>
      (role.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement),
    );
    const dynamo = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const statement of dynamo) {
      const actions = [statement.Action].flat();
      expect(actions).not.toContain('dynamodb:*');
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('dynamodb:DeleteTable');
      for (const resource of [statement.Resource].flat()) {
        expect(resource).not.toBe('*');
        expect(JSON.stringify(resource)).toContain('"Table"');
      }
    }
  });

  it('keeps attachments in a private, encrypted bucket that only presigned URLs reach', () => {
    // Besides the framework's own deployment bucket, one: ours.
    const buckets = Object.keys(template.Resources).filter((id) => template.Resources[id]!.Type === 'AWS::S3::Bucket');
    expect(buckets.sort()).toEqual(['AttachmentsBucket', 'ServerlessDeploymentBucket']);
    const props = template.Resources.AttachmentsBucket!.Properties;
    expect(props.BucketName).toBeUndefined(); // named by CloudFormation: never guessed or squatted
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(props.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: expect.arrayContaining(['PUT']), AllowedOrigins: WEB_ORIGINS })]);
    const rules = props.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }));
    expect(rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', Prefix: 'pending/', ExpirationInDays: 1 }));
    expect(rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', Prefix: 'ledgers/', ExpirationInDays: 7 }));
    expect(template.Resources.AttachmentsBucket).toMatchObject({ DeletionPolicy: 'Retain' });
    // HTTPS only; and no statement anywhere lets anyone in.
    const policy = template.Resources.AttachmentsBucketPolicy!.Properties;
    expect(policy.Bucket).toEqual({ Ref: 'AttachmentsBucket' });
    const statements = policy.PolicyDocument.Statement;
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);

    // The attachments function gets the bucket's name from CloudFormation and no local endpoint.
    const fn = template.Resources.AttachmentsLambdaFunction!;
    expect(fn.Properties.Environment.Variables).toMatchObject({ BUCKET_NAME: { Ref: 'AttachmentsBucket' }, S3_ENDPOINT: '' });
  });

  it("grants S3 object access on the attachments bucket's objects only — no bucket-wide or wildcard rights", () => {
    const statements = resourcesOf('AWS::IAM::Role').flatMap((role) =>
      (role.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement),
    );
    const s3 = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    // AbortMultipartUpload: the ledger worker drops a half-written file's parts after a failure.
    expect([s3[0].Action].flat().sort()).toEqual(['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    expect([s3[0].Resource].flat()).toEqual([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['AttachmentsBucket', 'Arn'] }, '/*']] }]);
  });

  it('lets the ledger function invoke its worker and nothing else', () => {
    const statements = resourcesOf('AWS::IAM::Role').flatMap((role) =>
      (role.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement),
    );
    const invoke = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('lambda:')));
    expect(invoke).toHaveLength(1);
    expect([invoke[0].Action].flat()).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(invoke[0].Resource)).toContain(':function:parklink-prod-ledgerWorker');
    const worker = template.Resources.LedgerWorkerLambdaFunction!.Properties;
    expect(worker).toMatchObject({ Timeout: 900, MemorySize: 1024 });
    expect(template.Resources.LedgerLambdaFunction!.Properties.Environment.Variables).toMatchObject({ LEDGER_WORKER_FUNCTION: 'parklink-prod-ledgerWorker', LAMBDA_ENDPOINT: '' });
  });

  it('runs the overdue sweep every 15 minutes and the WeChat push sender every minute', () => {
    const schedules = resourcesOf('AWS::Events::Rule').map(
      (r) => `${r.Properties.ScheduleExpression} → ${JSON.stringify(r.Properties.Targets).match(/"(\w+)LambdaFunction"/)?.[1]}`,
    );
    expect(schedules.sort()).toEqual(['rate(1 minute) → PushSender', 'rate(15 minutes) → OverdueSweep']);
  });

  it('bundles each function small, without the AWS SDK the runtime provides', () => {
    const zips = readdirSync(packageDir).filter((f) => f.endsWith('.zip'));
    expect(zips.sort()).toEqual([...Object.keys(functionRoutes), ...SCHEDULED].map((f) => `${f}.zip`).sort());
    const sizes = Object.fromEntries(zips.map((z) => [z, statSync(join(packageDir, z)).size]));
    console.log('Lambda package sizes (bytes):', sizes);
    for (const size of Object.values(sizes)) expect(size).toBeLessThan(400_000);
  });
});
