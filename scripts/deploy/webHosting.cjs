/**
 * The h5 site on a deployed stage: a private bucket behind CloudFront (serverless.yml, the `Web*`
 * resources and outputs), served with the same security headers as the local static server.
 *
 * Two roles, one file:
 * - a local Serverless plugin: the `dev` stage (npm start, serverless-offline) hosts the h5 site
 *   itself (scripts/local/web.ts), so every resource and output named `Web…` is left out of it;
 *   every other stage keeps them (test/deploy/serverless.test.ts checks the prod template), read
 *   through origin access control, or an origin access identity in the China regions;
 * - the source of the CloudFront response headers policy, read by serverless.yml as
 *   `${file(./scripts/deploy/webHosting.cjs):responseHeaders.SecurityHeadersConfig}` (and
 *   `.CustomHeadersConfig`): scripts/local/securityHeaders.ts computes them, exactly as
 *   `npm run h5:headers -- <api> <storage>` prints them, from the built index.html (the CSP allows
 *   its inline boot script by hash) for this stage's API and attachments bucket.
 *
 * Packaging a deployed stage therefore needs the h5 build that will be uploaded: client/dist/h5
 * (`npm run build:h5 -w client`), or the folder PARKLINK_H5_DIR names. PARKLINK_API_ORIGIN names
 * the API's own https origin when it has a custom domain; by default the page may call this
 * stage's execute-api URL (the HttpApiUrl output).
 */
const { existsSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');

const ROOT = resolve(__dirname, '../..');
/** The web-hosting resources and outputs in serverless.yml. */
const WEB = /^Web[A-Z]/;

/**
 * Where a deployed page sends data, as CloudFormation substitutions: the API (the same URL as the
 * framework's HttpApiUrl output) and the attachments bucket as presigned URLs name it
 * (virtual-hosted: https://<bucket>.s3.<region>.<suffix>, amazonaws.com.cn in China).
 */
const API_URL = 'https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}';
const ATTACHMENTS_URL = 'https://${AttachmentsBucket}.s3.${AWS::Region}.${AWS::URLSuffix}';
/** Stand-ins handed to securityHeaders.ts (it parses each URL), replaced by the substitutions above. */
const STAND_INS = [
  ['https://api.parklink.invalid', API_URL],
  ['https://attachments.parklink.invalid', ATTACHMENTS_URL],
];
/** CloudFront refuses a longer Content-Security-Policy value (quota of response headers policies). */
const CSP_MAX = 1783;
/** The longest the substitutions can become: a 10-character API id, a 63-character bucket name. */
const LONGEST = { '${HttpApi}': 10, '${AttachmentsBucket}': 63, '${AWS::Region}': 14, '${AWS::URLSuffix}': 16 };

/** scripts/local/securityHeaders.ts: the one definition of the site's headers. */
function securityHeaders() {
  const { require: tsxRequire } = require('tsx/cjs/api');
  return tsxRequire('../local/securityHeaders.ts', __filename);
}

function builtIndexHtml(env) {
  const index = resolve(ROOT, env.PARKLINK_H5_DIR || 'client/dist/h5', 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      `No ${index}: build the h5 site before packaging (npm run build:h5 -w client), or set PARKLINK_H5_DIR to the build — ` +
        'its content security policy allows the boot script of that index.html by hash',
    );
  }
  return readFileSync(index, 'utf8');
}

function apiOrigin(env) {
  const origin = (env.PARKLINK_API_ORIGIN ?? '').trim().replace(/\/+$/, '');
  if (!origin) return STAND_INS[0][0];
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin)) throw new Error(`PARKLINK_API_ORIGIN must be an https origin without a path: ${origin}`);
  return origin;
}

/** The headers as CloudFront's SecurityHeadersConfig (the ones it has fields for) and CustomHeadersConfig (the rest). */
function toPolicy(headers) {
  const security = {};
  const custom = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'content-security-policy') security.ContentSecurityPolicy = { ContentSecurityPolicy: value, Override: true };
    else if (name === 'x-content-type-options') {
      if (value !== 'nosniff') throw new Error(`CloudFront sends x-content-type-options: nosniff only, not ${value}`);
      security.ContentTypeOptions = { Override: true };
    } else if (name === 'x-frame-options') {
      if (!['DENY', 'SAMEORIGIN'].includes(value)) throw new Error(`CloudFront sends x-frame-options DENY or SAMEORIGIN, not ${value}`);
      security.FrameOptions = { FrameOption: value, Override: true };
    } else if (name === 'referrer-policy') security.ReferrerPolicy = { ReferrerPolicy: value, Override: true };
    else if (name === 'strict-transport-security' || name === 'x-xss-protection') {
      throw new Error(`${name} has its own SecurityHeadersConfig field: map it in scripts/deploy/webHosting.cjs`);
    } else custom.push({ Header: name, Value: value, Override: true });
  }
  return { SecurityHeadersConfig: security, CustomHeadersConfig: { Items: custom } };
}

/** The CSP as a Fn::Sub of this stack's API and attachments bucket. */
function substituted(csp) {
  if (csp.includes('${')) throw new Error(`The content security policy holds "\${", which Fn::Sub would read: ${csp}`);
  let template = csp;
  for (const [standIn, url] of STAND_INS) template = template.replaceAll(standIn, url);
  let longest = template;
  for (const [name, length] of Object.entries(LONGEST)) longest = longest.replaceAll(name, 'x'.repeat(length));
  if (longest.length > CSP_MAX) throw new Error(`The content security policy may reach ${longest.length} characters; CloudFront takes ${CSP_MAX}`);
  return { 'Fn::Sub': template };
}

/**
 * The response headers policy's two configurations for a stage. `dev` never deploys web hosting
 * (the plugin drops it), so it needs no build and gets an empty stand-in.
 */
function responseHeadersFor(stage, env) {
  if (stage === 'dev') return { SecurityHeadersConfig: {}, CustomHeadersConfig: { Items: [] } };
  const { siteSecurityHeaders } = securityHeaders();
  const headers = siteSecurityHeaders(builtIndexHtml(env), { connect: [apiOrigin(env), STAND_INS[1][0]] });
  const policy = toPolicy(headers);
  const csp = policy.SecurityHeadersConfig.ContentSecurityPolicy;
  csp.ContentSecurityPolicy = substituted(csp.ContentSecurityPolicy);
  return policy;
}

/**
 * In the AWS China regions CloudFormation does not know AWS::CloudFront::OriginAccessControl
 * ("Unrecognized resource types", reported for cn-north-1 and cn-northwest-1), so there the bucket
 * is read through a legacy origin access identity instead: the same private bucket, readable by
 * that identity alone. Changes the template's resources in place.
 */
function useOriginAccessIdentity(resources) {
  const distribution = resources.WebDistribution;
  const policy = resources.WebBucketPolicy;
  if (!distribution || !policy || !resources.WebOriginAccessControl) return;
  delete resources.WebOriginAccessControl;
  resources.WebOriginAccessIdentity = {
    Type: 'AWS::CloudFront::CloudFrontOriginAccessIdentity',
    Properties: { CloudFrontOriginAccessIdentityConfig: { Comment: 'CloudFront reads the ParkLink h5 bucket' } },
  };
  for (const origin of distribution.Properties.DistributionConfig.Origins) {
    delete origin.OriginAccessControlId;
    origin.S3OriginConfig = { OriginAccessIdentity: { 'Fn::Sub': 'origin-access-identity/cloudfront/${WebOriginAccessIdentity}' } };
  }
  const read = policy.Properties.PolicyDocument.Statement.find((s) => s.Sid === 'AllowThisDistributionToRead');
  read.Principal = { CanonicalUser: { 'Fn::GetAtt': ['WebOriginAccessIdentity', 'S3CanonicalUserId'] } };
  delete read.Condition;
}

class WebHosting {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { initialize: () => this.fitToStage() };
  }

  fitToStage() {
    const provider = this.serverless.getProvider('aws');
    const { Resources = {}, Outputs = {} } = this.serverless.service.resources ?? {};
    if (provider.getStage() === 'dev') {
      for (const section of [Resources, Outputs]) {
        for (const id of Object.keys(section)) if (WEB.test(id)) delete section[id];
      }
    } else if (provider.getRegion().startsWith('cn-')) {
      useOriginAccessIdentity(Resources);
    }
  }
}

// Not methods of the plugin, but what `${file(...)}` reads off the module (a class is followed, not called).
WebHosting.responseHeadersFor = responseHeadersFor;
WebHosting.responseHeaders = async ({ resolveVariable }) => responseHeadersFor(await resolveVariable('sls:stage'), process.env);
WebHosting.API_URL = API_URL;
WebHosting.ATTACHMENTS_URL = ATTACHMENTS_URL;

module.exports = WebHosting;
