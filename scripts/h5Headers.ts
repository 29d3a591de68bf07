/**
 * Prints the headers a host must send with the built h5 site (client/dist/h5): the same ones the
 * local static server and the browser tests use (scripts/local/securityHeaders.ts), and the ones a
 * deployed stage's CloudFront sends (scripts/deploy/webHosting.cjs computes them the same way).
 *
 *   npm run h5:headers -- https://<api-domain> https://<storage-domain>
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './local/api';
import { siteSecurityHeaders } from './local/securityHeaders';

const index = resolve(ROOT, process.env.PARKLINK_H5_DIR ?? 'client/dist/h5', 'index.html');
if (!existsSync(index)) {
  console.error(`No ${index}: build the h5 site first (npm run build:h5 -w client).`);
  process.exit(1);
}
const origins = process.argv.slice(2);
if (origins.length === 0 || origins.some((o) => !/^https?:\/\//.test(o))) {
  console.error('Usage: npm run h5:headers -- https://<api-domain> https://<storage-domain>');
  process.exit(1);
}
for (const [name, value] of Object.entries(siteSecurityHeaders(readFileSync(index, 'utf8'), { connect: origins }))) {
  console.log(`${name}: ${value}`);
}
