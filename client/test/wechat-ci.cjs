/**
 * Runs miniprogram-ci's offline checks on a built mini-program and writes the results as JSON.
 * Usage: node wechat-ci.cjs <projectPath> <out.json>
 *
 * Kept in its own process: checkCodeQuality starts a file watcher it never closes, which would
 * keep a test worker alive.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ci = require('miniprogram-ci');

async function main() {
  const [projectPath, outFile] = process.argv.slice(2);
  if (!projectPath || !outFile) throw new Error('usage: wechat-ci.cjs <projectPath> <out.json>');

  // analyseCode and checkCodeQuality never sign anything, but Project wants a key file.
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parklink-ci-'));
  const privateKeyPath = path.join(keyDir, 'private.dummy.key');
  fs.writeFileSync(privateKeyPath, '-----BEGIN RSA PRIVATE KEY-----\nnot-a-real-key\n-----END RSA PRIVATE KEY-----\n');

  const appJson = JSON.parse(fs.readFileSync(path.join(projectPath, 'app.json'), 'utf8'));
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: path.resolve(projectPath),
    privateKeyPath,
    ignores: ['node_modules/**/*'],
  });

  const analysis = await ci.analyseCode(project, { silent: true });
  const quality = await ci.checkCodeQuality(project);
  fs.rmSync(keyDir, { recursive: true, force: true });
  fs.writeFileSync(outFile, JSON.stringify({ appJson, analysis, quality }));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
