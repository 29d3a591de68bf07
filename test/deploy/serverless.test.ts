/**
 * `serverless package --stage prod` works offline (no AWS account) and the CloudFormation it makes
 * is what we mean to deploy: the table from table.json with PITR, every contract route on the
 * function that serves it, IAM limited to the table; the h5 site in a private bucket behind
 * CloudFront with the security headers of scripts/local/securityHeaders.ts.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { routeKey, routes, type RouteName } from '@parklink/contract';
import table from '../../functions/src/store/table.json';
import { functionRoutes as allFunctionRoutes } from '../../functions/src/http/all';
import { policy } from '../../functions/src/http/policy';
import { siteSecurityHeaders } from '../../scripts/local/securityHeaders';

/** What a deployed stage serves: every function but the development one (devOnly routes). */
const DEV_ONLY = (Object.keys(routes) as RouteName[]).filter((name) => policy[name].devOnly);
const functionRoutes = Object.fromEntries(Object.entries(allFunctionRoutes).filter(([, list]) => !list.every((r) => DEV_ONLY.includes(r.name))));

const ROOT = resolve(__dirname, '../..');
/** Functions run by a schedule rather than a route. */
/** Functions without HTTP routes: scheduled jobs and the worker the ledger function invokes. */
const SCHEDULED = ['overdueSweep', 'pushSender', 'ledgerWorker'];
/** The prod h5 site's origins, as an operator names them at deploy time (scripts/deploy/webOrigins.cjs). */
const WEB_ORIGINS = ['https://yqt.example.gov.cn', 'https://admin.yqt.example.gov.cn'];
/** A built h5 index.html as Taro writes it: one inline boot script (allowed by its hash), the rest by src. */
const INDEX_HTML =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>园企通</title>' +
  '<script>!function(n){n.document.documentElement.style.fontSize="20px"}(window);</script>' +
  '<script defer="defer" src="./js/app.504fe157.js"></script><link href="./css/app.013b011b.css" rel="stylesheet"></head>' +
  '<body><div id="app"></div></body></html>';

let template: { Resources: Record<string, { Type: string; Properties: any; [attribute: string]: any }>; Outputs: Record<string, { Value: unknown }> };
let packageDir: string;

beforeAll(async () => {
  packageDir = mkdtempSync(join(tmpdir(), 'parklink-package-'));
  // The h5 build the stage is packaged with (scripts/deploy/webHosting.cjs hashes its boot script).
  const h5Dir = mkdtempSync(join(tmpdir(), 'parklink-h5-'));
  writeFileSync(join(h5Dir, 'index.html'), INDEX_HTML);
  await promisify(execFile)(
    resolve(ROOT, 'node_modules/.bin/serverless'),
    ['package', '--stage', 'prod', '--package', packageDir],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SLS_TELEMETRY_DISABLED: '1',
        PARKLINK_ESBUILD_DIR: '.esbuild-package',
        PARKLINK_WEB_ORIGINS: WEB_ORIGINS.join(','),
        PARKLINK_H5_DIR: h5Dir,
        PARKLINK_API_ORIGIN: '',
      },
    },
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
    expect(buckets.sort()).toEqual(['AttachmentsBucket', 'ServerlessDeploymentBucket', 'WebBucket']);
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

/** This stack once deployed: what CloudFormation substitutes into the template (China, as the README deploys). */
const STACK: Record<string, string> = {
  HttpApi: 'a1b2c3d4e5',
  AttachmentsBucket: 'parklink-prod-attachmentsbucket-1x2y3z4w5v6u',
  WebBucket: 'parklink-prod-webbucket-7t8s9r0q1p2o',
  WebDistribution: 'E2QWRUHAPOMQZL',
  'AWS::Region': 'cn-north-1',
  'AWS::URLSuffix': 'amazonaws.com.cn',
  'AWS::Partition': 'aws-cn',
  'AWS::AccountId': '123456789012',
};
/** Evaluates the few intrinsic functions the web-hosting values use, with STACK's values. */
function evaluate(value: unknown): string {
  if (typeof value === 'string') return value;
  const fn = value as Record<string, any>;
  const known = (name: string) => {
    if (!(name in STACK)) throw new Error(`no value for ${name}`);
    return STACK[name]!;
  };
  if ('Ref' in fn) return known(fn.Ref);
  if ('Fn::Sub' in fn) return (fn['Fn::Sub'] as string).replace(/\$\{([\w:]+)\}/g, (_, name: string) => known(name));
  if ('Fn::Join' in fn) return (fn['Fn::Join'][1] as unknown[]).map(evaluate).join(fn['Fn::Join'][0]);
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
}

describe('the prod package’s h5 site', () => {
  const behaviors = () => {
    const config = template.Resources.WebDistribution!.Properties.DistributionConfig;
    return [config.DefaultCacheBehavior, ...config.CacheBehaviors];
  };

  it('keeps the build in a private, encrypted bucket that only this stage’s CloudFront distribution reads', () => {
    const bucket = template.Resources.WebBucket!.Properties;
    expect(bucket.BucketName).toBeUndefined();
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.WebsiteConfiguration).toBeUndefined(); // the REST endpoint, behind OAC: never a public website

    const policy = template.Resources.WebBucketPolicy!.Properties;
    expect(policy.Bucket).toEqual({ Ref: 'WebBucket' });
    const statements = policy.PolicyDocument.Statement as any[];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    // cn-north-1 (the default region): read by the distribution's origin access identity alone.
    expect(allows[0]).toEqual({
      Sid: 'AllowThisDistributionToRead',
      Effect: 'Allow',
      Principal: { CanonicalUser: { 'Fn::GetAtt': ['WebOriginAccessIdentity', 'S3CanonicalUserId'] } },
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['WebBucket', 'Arn'] }, '/*']] },
    });
    expect(statements.filter((s) => s.Effect !== 'Allow')).toEqual([
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  it('is served by CloudFront: HTTPS only, compressed, index.html at the root, HTTP/2 and 3', () => {
    const [distribution, ...others] = resourcesOf('AWS::CloudFront::Distribution');
    expect(others).toHaveLength(0);
    const config = distribution!.Properties.DistributionConfig;
    expect(config).toMatchObject({ Enabled: true, DefaultRootObject: 'index.html', HttpVersion: 'http2and3' });
    // China's CloudFormation knows no origin access control: an origin access identity there.
    expect(config.Origins).toEqual([
      {
        Id: 'web-bucket',
        DomainName: { 'Fn::GetAtt': ['WebBucket', 'RegionalDomainName'] },
        S3OriginConfig: { OriginAccessIdentity: { 'Fn::Sub': 'origin-access-identity/cloudfront/${WebOriginAccessIdentity}' } },
      },
    ]);
    expect(resourcesOf('AWS::CloudFront::OriginAccessControl')).toEqual([]);
    expect(template.Resources.WebOriginAccessIdentity!.Type).toBe('AWS::CloudFront::CloudFrontOriginAccessIdentity');
    for (const behavior of behaviors()) {
      expect(behavior).toMatchObject({
        TargetOriginId: 'web-bucket',
        ViewerProtocolPolicy: 'redirect-to-https',
        Compress: true,
        AllowedMethods: ['GET', 'HEAD'],
        ResponseHeadersPolicyId: { Ref: 'WebResponseHeadersPolicy' },
      });
      // Compression needs the cache policy to accept both encodings.
      const cachePolicy = template.Resources[behavior.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
      expect(cachePolicy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({ EnableAcceptEncodingGzip: true, EnableAcceptEncodingBrotli: true });
    }
  });

  it('caches the content-hashed js/ and css/ for a year, and index.html (everything else) at most a minute', () => {
    const config = template.Resources.WebDistribution!.Properties.DistributionConfig;
    const ttl = (behavior: any) => {
      const { MinTTL, DefaultTTL, MaxTTL } = template.Resources[behavior.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
      return { MinTTL, DefaultTTL, MaxTTL };
    };
    expect(config.CacheBehaviors.map((b: any) => b.PathPattern)).toEqual(['js/*', 'css/*']);
    for (const behavior of config.CacheBehaviors) expect(ttl(behavior)).toMatchObject({ DefaultTTL: 31536000, MaxTTL: 31536000 });
    expect(ttl(config.DefaultCacheBehavior)).toEqual({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 60 });
  });

  it('sends exactly the headers securityHeaders.ts makes for this build, this stage’s API and its attachments bucket', async () => {
    const config = template.Resources.WebResponseHeadersPolicy!.Properties.ResponseHeadersPolicyConfig;
    const security = config.SecurityHeadersConfig;
    expect(Object.keys(security).sort()).toEqual(['ContentSecurityPolicy', 'ContentTypeOptions', 'FrameOptions', 'ReferrerPolicy']);
    const custom = config.CustomHeadersConfig.Items as { Header: string; Value: string; Override: boolean }[];
    // Ours win over anything an object in the bucket might carry.
    for (const setting of [...Object.values(security), ...custom] as { Override: boolean }[]) expect(setting.Override).toBe(true);
    const sent = {
      'content-security-policy': evaluate(security.ContentSecurityPolicy.ContentSecurityPolicy),
      'x-content-type-options': 'nosniff',
      'x-frame-options': security.FrameOptions.FrameOption,
      'referrer-policy': security.ReferrerPolicy.ReferrerPolicy,
      ...Object.fromEntries(custom.map((h) => [h.Header, h.Value])),
    };

    // The API as the stack names it (its HttpApiUrl output), and the attachments bucket as the
    // functions' own presigned URLs name it in that region.
    const api = evaluate(template.Outputs.HttpApiUrl!.Value);
    expect(api).toBe('https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn');
    expect(template.Resources.AttachmentsLambdaFunction!.Properties.Environment.Variables.BUCKET_NAME).toEqual({ Ref: 'AttachmentsBucket' });
    const { s3ObjectStorage } = await import('../../functions/src/ports/objectStorage');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-secret');
    const presigned = await s3ObjectStorage({ region: STACK['AWS::Region']!, bucket: STACK.AttachmentsBucket! }).presignGet({ key: 'ledgers/x.xlsx', expiresInSeconds: 60 });
    vi.unstubAllEnvs();
    const storage = new URL(presigned).origin;
    expect(storage).toBe(`https://${STACK.AttachmentsBucket}.s3.cn-north-1.amazonaws.com.cn`);

    // = `npm run h5:headers -- <api> <storage>` for this build.
    expect(sent).toEqual(siteSecurityHeaders(INDEX_HTML, { connect: [api, storage] }));
    const bootHash = createHash('sha256').update('!function(n){n.document.documentElement.style.fontSize="20px"}(window);').digest('base64');
    expect(sent['content-security-policy']).toContain(`script-src 'self' 'sha256-${bootHash}'`);
    expect(sent['content-security-policy']).toContain(`connect-src 'self' ${api} ${storage}`);
  });

  it('outputs the distribution’s domain and the bucket to upload to; the functions get no right on that bucket', () => {
    expect(template.Outputs.WebDistributionDomainName).toEqual({ Value: { 'Fn::GetAtt': ['WebDistribution', 'DomainName'] } });
    expect(template.Outputs.WebBucketName).toEqual({ Value: { Ref: 'WebBucket' } });
    const roles = resourcesOf('AWS::IAM::Role');
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) expect(JSON.stringify(role)).not.toMatch(/WebBucket|WebDistribution|cloudfront/i);
    for (const fn of resourcesOf('AWS::Lambda::Function')) expect(JSON.stringify(fn.Properties.Environment)).not.toContain('Web');
  });
});

describe('web hosting by stage (scripts/deploy/webHosting.cjs)', () => {
  const WebHosting = createRequire(import.meta.url)('../../scripts/deploy/webHosting.cjs') as {
    new (serverless: unknown): { hooks: { initialize(): void } };
    responseHeadersFor(stage: string, env: Record<string, string | undefined>): any;
  };
  const serverlessOn = (stage: string, region = 'cn-north-1') => ({
    getProvider: () => ({ getStage: () => stage, getRegion: () => region }),
    service: {
      resources: {
        Resources: { Table: {}, AttachmentsBucket: {}, WebBucket: {}, WebDistribution: {}, WebResponseHeadersPolicy: {} },
        Outputs: { TableName: {}, WebBucketName: {}, WebDistributionDomainName: {} },
      },
    },
  });

  it('leaves it out of the local dev stage, which needs no h5 build', () => {
    const serverless = serverlessOn('dev');
    new WebHosting(serverless).hooks.initialize();
    expect(Object.keys(serverless.service.resources.Resources)).toEqual(['Table', 'AttachmentsBucket']);
    expect(Object.keys(serverless.service.resources.Outputs)).toEqual(['TableName']);
    expect(() => WebHosting.responseHeadersFor('dev', { PARKLINK_H5_DIR: '/nonexistent' })).not.toThrow();
  });

  it('keeps it on every deployed stage, which stops packaging without the h5 build', () => {
    const serverless = serverlessOn('staging');
    new WebHosting(serverless).hooks.initialize();
    expect(Object.keys(serverless.service.resources.Resources)).toContain('WebDistribution');
    expect(() => WebHosting.responseHeadersFor('staging', { PARKLINK_H5_DIR: '/nonexistent' })).toThrow(/build the h5 site/);
  });

  it('reads the bucket through origin access control outside China', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parklink-package-global-'));
    const h5Dir = mkdtempSync(join(tmpdir(), 'parklink-h5-'));
    writeFileSync(join(h5Dir, 'index.html'), INDEX_HTML);
    await promisify(execFile)(resolve(ROOT, 'node_modules/.bin/serverless'), ['package', '--stage', 'prod', '--region', 'ap-southeast-1', '--package', dir], {
      cwd: ROOT,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', PARKLINK_ESBUILD_DIR: '.esbuild-package-global', PARKLINK_WEB_ORIGINS: WEB_ORIGINS.join(','), PARKLINK_H5_DIR: h5Dir },
    });
    const global = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as typeof template;
    expect(global.Resources.WebOriginAccessIdentity).toBeUndefined();
    expect(global.Resources.WebOriginAccessControl!.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(global.Resources.WebDistribution!.Properties.DistributionConfig.Origins).toEqual([
      {
        Id: 'web-bucket',
        DomainName: { 'Fn::GetAtt': ['WebBucket', 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': ['WebOriginAccessControl', 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      },
    ]);
    const read = (global.Resources.WebBucketPolicy!.Properties.PolicyDocument.Statement as any[]).find((st) => st.Effect === 'Allow');
    expect(read).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(Object.keys(read.Condition.StringEquals)).toEqual(['AWS:SourceArn']);
    expect(read.Condition.StringEquals['AWS:SourceArn']).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${WebDistribution}' });
  });

  it('names the API’s own domain in the CSP when it has one', () => {
    const h5Dir = mkdtempSync(join(tmpdir(), 'parklink-h5-'));
    writeFileSync(join(h5Dir, 'index.html'), INDEX_HTML);
    const policy = WebHosting.responseHeadersFor('prod', { PARKLINK_H5_DIR: h5Dir, PARKLINK_API_ORIGIN: 'https://api.yqt.example.gov.cn/' });
    const csp = policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Sub'] as string;
    expect(csp).toContain("connect-src 'self' https://api.yqt.example.gov.cn https://${AttachmentsBucket}.s3.${AWS::Region}.${AWS::URLSuffix};");
    expect(csp).not.toContain('execute-api');
    expect(() => WebHosting.responseHeadersFor('prod', { PARKLINK_H5_DIR: h5Dir, PARKLINK_API_ORIGIN: 'http://api.example.cn' })).toThrow(/https origin/);
  });
});
