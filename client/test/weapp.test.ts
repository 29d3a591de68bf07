/**
 * Builds the weapp in production mode and checks it with WeChat's own offline tools:
 * the wcc/wcsc compilers (miniprogram-compiler) and the DevTools dependency analysis and
 * code-quality scan (miniprogram-ci). Each tool is also fed a broken fixture, to show it fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const clientDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = path.join(clientDir, 'dist', 'weapp');
const ciScript = path.join(clientDir, 'test', 'wechat-ci.cjs');

// miniprogram-compiler has no types; wxssToJs swallows wcsc errors, so wcsc is called directly.
const { wxmlToJs } = require('miniprogram-compiler') as { wxmlToJs: (root: string, opts?: object) => string };
const wcsc = require('miniprogram-compiler/src/wcsc') as (
  root: string,
  files: string[],
  opts?: object,
) => Record<string, string> | Error;
const BIG = { maxBuffer: 64 * 1024 * 1024 };

const KB = 1024;
const MB = 1024 * KB;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  lazyCodeLoading?: string;
  tabBar?: { list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[] };
}
interface Dep {
  from: 'json' | 'file' | 'rule';
  type: string;
  request: string;
  moduleId: string | null;
}
interface AnalysedModule {
  id: string;
  type: string;
  path: string;
  deps: Dep[];
  errors?: unknown[];
  buildError?: unknown;
}
interface AnalysedFile {
  path: string;
  size: number;
  subPackage: string | null;
}
interface QualityItem {
  name: string;
  success: boolean;
  text: string;
  detail?: unknown;
}
interface CiResult {
  appJson: AppJson;
  analysis: { files: AnalysedFile[]; modules: AnalysedModule[] };
  quality: QualityItem[];
}

function listFiles(root: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith(ext)) {
        out.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return out.sort();
}

function runCi(projectPath: string): CiResult {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parklink-ci-out-')), 'result.json');
  const res = spawnSync(process.execPath, [ciScript, projectPath, out], { encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`miniprogram-ci failed (${res.status}):\n${res.stderr}\n${res.stdout}`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as CiResult;
}

/** Dependencies the DevTools would report as missing: optional files (page wxss...) excepted. */
const OPTIONAL_RULE_DEPS = new Set(['Wxss', 'FunctionalPages']);
function unresolved(result: CiResult): string[] {
  const missing: string[] = [];
  for (const m of result.analysis.modules) {
    for (const d of m.deps) {
      if (d.moduleId) continue;
      if (d.from === 'rule' && OPTIONAL_RULE_DEPS.has(d.type)) continue;
      missing.push(`${m.id} -> ${d.type} ${d.request} (${d.from})`);
    }
    if (m.buildError) missing.push(`${m.id}: build error ${JSON.stringify(m.buildError)}`);
    if (m.errors && m.errors.length > 0) missing.push(`${m.id}: ${JSON.stringify(m.errors)}`);
  }
  return missing;
}

/** Bytes per package: '__APP__' for the main package, else the subpackage root. */
function packageSizes(result: CiResult): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const f of result.analysis.files) {
    const key = f.subPackage ?? '__APP__';
    sizes[key] = (sizes[key] ?? 0) + f.size;
  }
  return sizes;
}

let ci: CiResult;

beforeAll(() => {
  const started = Date.now();
  fs.rmSync(distDir, { recursive: true, force: true });
  const taro = require.resolve('@tarojs/cli/bin/taro');
  const build = spawnSync(process.execPath, [taro, 'build', '--type', 'weapp'], {
    cwd: clientDir,
    // vitest sets NODE_ENV=test, and Taro keeps an existing NODE_ENV: ask for production explicitly.
    env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'weapp' },
    encoding: 'utf8',
    timeout: 170_000,
    maxBuffer: 64 * MB,
  });
  if (build.status !== 0) {
    throw new Error(`taro build --type weapp failed (${build.status}):\n${build.stderr}\n${build.stdout.slice(-4000)}`);
  }
  console.log(`weapp production build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  ci = runCi(distDir);
}, 180_000);

describe('weapp build output', () => {
  it('has the pages, the subpackages and lazy code loading in app.json', () => {
    const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson & {
      permission?: Record<string, { desc: string }>;
      requiredPrivateInfos?: string[];
    };
    // The care stations first: riders arrive without an account.
    expect(app.pages).toEqual(['pages/stations/index', 'pages/index/index', 'pages/inbox/index', 'pages/login/index', 'pages/stations/detail/index']);
    expect(app.subPackages).toEqual([
      { root: 'pages/requests', pages: ['submit/index', 'mine/index', 'pool/index', 'detail/index'] },
      { root: 'pages/stations-admin', pages: ['list/index', 'station/index', 'create/index', 'stats/index'] },
      { root: 'pages/cases', pages: ['list/index', 'edit/index', 'detail/index', 'summary/index'] },
      { root: 'pages/market', pages: ['list/index', 'post/index', 'detail/index', 'match/index'] },
      { root: 'pages/admin', pages: ['index/index', 'park/index', 'departments/index', 'categories/index', 'members/index', 'enterprises/index', 'audit/index'] },
      { root: 'pages/dashboard', pages: ['index/index', 'ledger/index'] },
      { root: 'pages/me', pages: ['privacy/index'] },
    ]);
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    // Requests, the most used area, are fetched ahead from the pages that lead to them.
    const preload = (app as { preloadRule?: Record<string, { packages: string[] }> }).preloadRule ?? {};
    expect(Object.keys(preload).sort()).toEqual(['pages/inbox/index', 'pages/index/index', 'pages/login/index']);
    for (const [page, rule] of Object.entries(preload)) {
      expect(app.pages, page).toContain(page);
      for (const root of rule.packages) expect(app.subPackages?.map((s) => s.root), root).toContain(root);
    }
    // getLocation needs both, or WeChat refuses it.
    expect(app.permission?.['scope.userLocation']?.desc).toBeTruthy();
    expect(app.requiredPrivateInfos).toEqual(['getLocation']);
    // 驿站, 首页 and 消息 as tabs (main-package pages), with their icons copied into the build.
    expect(app.tabBar?.list.map((t) => [t.pagePath, t.text])).toEqual([
      ['pages/stations/index', '驿站'],
      ['pages/index/index', '首页'],
      ['pages/inbox/index', '消息'],
    ]);
    for (const tab of app.tabBar?.list ?? []) {
      expect(app.pages).toContain(tab.pagePath);
      for (const icon of [tab.iconPath, tab.selectedIconPath]) expect(fs.existsSync(path.join(distDir, icon ?? '-')), icon).toBe(true);
    }
    for (const page of [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]) {
      expect(fs.existsSync(path.join(distDir, `${page}.js`)), `${page}.js`).toBe(true);
      expect(fs.existsSync(path.join(distDir, `${page}.wxml`)), `${page}.wxml`).toBe(true);
    }
  });

  it('ships minified JS and WXSS', () => {
    for (const file of ['app.js', 'vendors.js', 'taro.js', 'app.wxss']) {
      const text = fs.readFileSync(path.join(distDir, file), 'utf8');
      const lines = text.split('\n').length;
      expect(text.length / lines, `${file}: ${lines} lines for ${text.length} chars`).toBeGreaterThan(500);
    }
    // designWidth 750: px in the sources became rpx.
    expect(fs.readFileSync(path.join(distDir, 'app.wxss'), 'utf8')).toMatch(/\d+rpx/);
  });
});

describe('WeChat compilers (miniprogram-compiler: wcc, wcsc)', () => {
  it('compiles every .wxml and renders the pages', () => {
    const wxml = listFiles(distDir, '.wxml');
    expect(wxml.length).toBeGreaterThanOrEqual(8);
    const js = wxmlToJs(distDir, BIG); // throws with file:line:col on a bad template

    const sandbox = vm.createContext({ console, Math, Date, JSON });
    (sandbox as Record<string, unknown>).window = sandbox;
    const $gwx = vm.runInContext(`(function (global) { ${js} })({})`, sandbox) as (
      file: string,
    ) => ((data: object, env: object, scope: object) => { tag: string; children: unknown[] }) | undefined;
    for (const file of wxml) expect(typeof $gwx(file), file).toBe('function');

    // Render a view with a text child through base.wxml, the way Taro's runtime feeds the page.
    const base = fs.readFileSync(path.join(distDir, 'base.wxml'), 'utf8');
    const textAlias = /<template name="tmpl_0_(\w+)">\s*<block>\{\{i\.v\}\}<\/block>/.exec(base)?.[1];
    expect(textAlias, 'text-node template in base.wxml').toBeTruthy();
    const page = $gwx('pages/index/index.wxml')!;
    const tree = page(
      { root: { cn: [{ nn: '0', sid: '_1', cl: 'page', cn: [{ nn: textAlias, sid: '_2', v: '提交诉求' }] }] } },
      {},
      {},
    );
    const rendered = JSON.stringify(tree);
    expect(tree.tag).toBe('wx-page');
    expect(rendered).toContain('"class":"page"');
    expect(rendered).toContain('提交诉求');
  });

  it('compiles every .wxss', () => {
    const wxss = listFiles(distDir, '.wxss');
    expect(wxss).toContain('app.wxss');
    const out = wcsc(distDir, wxss.map((f) => f.slice(0, -'.wxss'.length)), BIG);
    if (out instanceof Error) throw out;
    // wcsc leaves empty files (Taro writes 0-byte page styles) out of its output. It names app-level
    // files `./app.wxss` and page/component files (those with a .json) without the `./`. A file that
    // is only @imported (Taro's subpackage `sub-vendors.wxss`, shared by its pages) is compiled into
    // `comm` as a common stylesheet, and the pages importing it refer to it as `[2,"<path>"]`.
    const nonEmpty = wxss.filter((f) => fs.statSync(path.join(distDir, f)).size > 0);
    const entry = (f: string) => out[`./${f}`] ?? out[f];
    for (const f of nonEmpty) {
      if (entry(f)) continue;
      expect(out.comm, `${f}: neither compiled nor a common stylesheet`).toContain(`__COMMON_STYLESHEETS__[\\x27${f}\\x27]\\x3d[`);
      const importers = Object.entries(out).filter(([k, js]) => k !== 'comm' && js.includes(`[2,\\x22${f}\\x22]`));
      expect(importers.length, `${f}: imported by no compiled page`).toBeGreaterThan(0);
    }
  });

  it('reject broken templates and styles (the checks can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parklink-bad-'));
    fs.writeFileSync(path.join(dir, 'index.wxml'), '<view class="a"><input value="{{x}}"></view>\n');
    fs.writeFileSync(path.join(dir, 'index.wxss'), '.a { color: red;\n.b {{ }\n');
    expect(() => wxmlToJs(dir, BIG)).toThrow(/index\.wxml:1:\d+: expect end-tag `input`/);
    const out = wcsc(dir, ['index'], BIG);
    expect(out).toBeInstanceOf(Error);
    expect((out as Error).message).toMatch(/index\.wxss\(2:\d+\)/);
  });
});

describe('WeChat DevTools analysis (miniprogram-ci)', () => {
  it('resolves every page, component and file', () => {
    expect(unresolved(ci)).toEqual([]);
    const pages = ci.analysis.modules.filter((m) => m.type === 'Page').map((m) => m.path);
    expect(pages.sort()).toEqual(
      [
        'pages/inbox/index.json',
        'pages/index/index.json',
        'pages/login/index.json',
        'pages/stations/index.json',
        'pages/stations/detail/index.json',
        'pages/stations-admin/list/index.json',
        'pages/stations-admin/station/index.json',
        'pages/stations-admin/create/index.json',
        'pages/stations-admin/stats/index.json',
        'pages/cases/list/index.json',
        'pages/cases/edit/index.json',
        'pages/cases/detail/index.json',
        'pages/cases/summary/index.json',
        'pages/requests/detail/index.json',
        'pages/requests/mine/index.json',
        'pages/requests/pool/index.json',
        'pages/requests/submit/index.json',
        'pages/market/list/index.json',
        'pages/market/post/index.json',
        'pages/market/detail/index.json',
        'pages/market/match/index.json',
        'pages/admin/index/index.json',
        'pages/admin/park/index.json',
        'pages/admin/departments/index.json',
        'pages/admin/categories/index.json',
        'pages/admin/members/index.json',
        'pages/admin/enterprises/index.json',
        'pages/admin/audit/index.json',
        'pages/dashboard/index/index.json',
        'pages/dashboard/ledger/index.json',
        'pages/me/privacy/index.json',
      ].sort(),
    );
  });

  it('keeps the packages within the size limits', () => {
    const sizes = packageSizes(ci);
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(
      'weapp package sizes:\n' +
        Object.entries(sizes)
          .map(([pkg, bytes]) => `  ${pkg === '__APP__' ? 'main package' : pkg}: ${(bytes / KB).toFixed(1)} KB`)
          .join('\n') +
        `\n  total: ${(total / KB).toFixed(1)} KB`,
    );
    expect(sizes.__APP__).toBeGreaterThan(0);
    expect(sizes.__APP__).toBeLessThan(1.5 * MB);
    // Our own budget, well under WeChat's 2 MB: riders download the main package on a weak signal.
    expect(sizes.__APP__).toBeLessThan(600 * KB);
    expect(sizes['pages/requests/']).toBeGreaterThan(0);
    // What only hosts and the park admin use stays out of the main package.
    expect(sizes['pages/stations-admin/']).toBeGreaterThan(0);
    // 共建案例 pages and their components stay in their own subpackage.
    expect(sizes['pages/cases/']).toBeGreaterThan(0);
    // 供需对接 is a subpackage too: the main package stays within its budget.
    expect(sizes['pages/market/']).toBeGreaterThan(0);
    // 园区管理 (the park admin's set-up pages) too.
    expect(sizes['pages/admin/']).toBeGreaterThan(0);
    // 数据看板 and 台账导出 (the park admin) as well.
    expect(sizes['pages/dashboard/']).toBeGreaterThan(0);
    // 个人信息 (PIPL) for every signed-in role, a small subpackage of its own.
    expect(sizes['pages/me/']).toBeGreaterThan(0);
    for (const [pkg, bytes] of Object.entries(sizes)) if (pkg !== '__APP__') expect(bytes, pkg).toBeLessThan(2 * MB);
    expect(total).toBeLessThan(20 * MB);
  });

  it('passes the code-quality scan', () => {
    const byName = new Map(ci.quality.map((q) => [q.name, q]));
    // Every check the scan ran, with its verdict, for the record.
    console.log(
      'code-quality scan:\n' + ci.quality.map((q) => `  ${q.success ? 'pass' : 'FAIL'} ${q.name}`).join('\n'),
    );
    for (const name of [
      'PACKAGE_SIZE_LIMIT',
      'JS_COMPRESS_OPEN',
      'WXML_COMPRESS_OPEN',
      'WXSS_COMPRESS_OPEN',
      'LAZYCODE_LOADING_OPEN',
      'IMAGE_AND_AUDIO_LIMIT',
      'CONTAINS_OTHER_PKG_JS',
      'CONTAINS_UNUSED_COMPONENTS',
      'CONTAINS_UNUSED_CODES',
    ]) {
      expect(byName.get(name)?.success, name).toBe(true);
    }
    expect(ci.quality.filter((q) => !q.success).map((q) => q.name)).toEqual([]);
    // The size check measured the real packages (a crashed check would also report success).
    const detail = byName.get('PACKAGE_SIZE_LIMIT')?.detail as Record<string, number>;
    expect(detail.__APP__).toBeGreaterThan(100 * KB);
    expect(detail.__APP__).toBeLessThan(1.5 * MB);
  });

  it('reports a missing page, component and file (the checks can fail)', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'parklink-broken-weapp-'));
    fs.cpSync(distDir, broken, { recursive: true });
    const appPath = path.join(broken, 'app.json');
    const app = JSON.parse(fs.readFileSync(appPath, 'utf8')) as AppJson & { lazyCodeLoading?: string };
    app.pages.push('pages/ghost/index');
    delete app.lazyCodeLoading;
    fs.writeFileSync(appPath, JSON.stringify(app));
    const pagePath = path.join(broken, 'pages/index/index.json');
    const page = JSON.parse(fs.readFileSync(pagePath, 'utf8')) as { usingComponents: Record<string, string> };
    page.usingComponents['ghost-comp'] = '../../ghost';
    fs.writeFileSync(pagePath, JSON.stringify(page));
    fs.appendFileSync(path.join(broken, 'pages/login/index.js'), '\nrequire("./missing-file.js");\n');

    const result = runCi(broken);
    const missing = unresolved(result).join('\n');
    expect(missing).toContain('pages/ghost/index.wxml');
    expect(missing).toContain('../../ghost');
    expect(missing).toContain('./missing-file.js');
    expect(result.quality.find((q) => q.name === 'LAZYCODE_LOADING_OPEN')?.success).toBe(false);
  }, 60_000);
});
