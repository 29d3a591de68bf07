import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const apiBase = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';
const webPort = Number(process.env.PARKLINK_WEB_PORT || 10086);
const clientDir = path.resolve(__dirname, '..');
const contractSrc = path.resolve(clientDir, '../contract/src');
/** dist/weapp and dist/h5 side by side; PARKLINK_OUTPUT_ROOT overrides (e.g. a build made for the e2e API). */
const outputRoot = process.env.PARKLINK_OUTPUT_ROOT
  ? path.relative(clientDir, path.resolve(clientDir, process.env.PARKLINK_OUTPUT_ROOT))
  : `dist/${process.env.TARO_ENV}`;

/** The contract is TypeScript source reached through a workspace symlink: make sure Babel transpiles it. */
const compileInclude = [contractSrc, (file: string) => file.includes('@parklink/contract')];
/** zod ships ES2020 (`?.`, `??`); mini-program builds transpile it like the rest of the code. */
const isZod = (file: string) => /node_modules[\\/]zod[\\/]/.test(file);

/** Rewrites zod's `globalThis` (absent on some WeChat devices), see global-this-loader.js. */
function guardGlobalThis(chain: any) {
  chain.module
    .rule('zod-global-this')
    .test(/node_modules[\\/]zod[\\/].*\.(m?js|cjs)$/)
    .use('global-this')
    .loader(path.resolve(__dirname, 'global-this-loader.js'));
}

/**
 * h5 (issue 11: the first screen on a slow phone, see h5-first-screen.cjs).
 *
 * - Production: each page's chunks are preloaded from index.html as soon as its route is known,
 *   side by side with the app's own scripts (not one round trip after them); a first-time rider's
 *   position and nearby search start from index.html too (src/early/); and every text file
 *   is written compressed too (`.br`, `.gz`) for the server to send by Accept-Encoding.
 * - Polyfills of fetch and AbortController, and the JSONP transport of Taro.request, are left out:
 *   the h5 build already needs an ES2020 browser (zod ships `?.` and `??`, untranspiled for h5),
 *   and every such browser has both natively (Chrome 66, Safari 12.1); the client never asks for
 *   JSONP. About 36 KB of minified JavaScript less on the first screen.
 */
function h5FirstScreen(chain: any) {
  chain.resolve.alias
    .set('whatwg-fetch$', path.resolve(__dirname, 'h5-no-polyfill.js'))
    .set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', path.resolve(__dirname, 'h5-no-polyfill.js'))
    .set('jsonp-retry$', path.resolve(__dirname, 'h5-no-jsonp.js'));
  if (process.env.NODE_ENV === 'development') return;
  const { RoutePreloadPlugin, EarlyScriptPlugin, PrecompressPlugin, appPages } = require('./h5-first-screen.cjs');
  const { readConfig } = require('@tarojs/helper');
  chain.plugin('parklink-route-preload').use(RoutePreloadPlugin, [{ pages: appPages(readConfig(path.resolve(clientDir, 'src/app.config.ts'))) }]);
  chain.plugin('parklink-early-script').use(EarlyScriptPlugin, [
    {
      entry: path.resolve(clientDir, 'src/early/firstScreen.h5.ts'),
      define: { 'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase), 'process.env.TARO_ENV': '"h5"' },
    },
  ]);
  chain.plugin('parklink-precompress').use(PrecompressPlugin);
}

export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'parklink',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
      // The local fake WeChat that stands in for wx.login in h5 (npm start only; empty otherwise).
      'process.env.TARO_APP_DEV_WECHAT': JSON.stringify(process.env.TARO_APP_DEV_WECHAT || ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [...compileInclude, isZod] },
      webpackChain: guardGlobalThis,
      // Modules used only by a subpackage go into that subpackage.
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      webpackChain: h5FirstScreen,
      devServer: { host: '127.0.0.1', port: webPort, open: false },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    // The dev server (npm start) serves the build from memory at its root: with the relative
    // publicPath of a built site ('./') it answers every script with index.html.
    return merge({}, base, { mini: {}, h5: { publicPath: '/' } });
  }
  // Production: Taro minifies JS and WXSS. WXML is minified by WeChat DevTools / miniprogram-ci at
  // upload (project.config.json setting.minifyWXML): Taro's own `mini.minifyXML` (html-minifier)
  // drops the `</input>` end tags of base.wxml, which WeChat's wcc compiler then rejects.
  return merge({}, base, { mini: {}, h5: {} });
});
