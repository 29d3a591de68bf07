/**
 * The h5 build's first screen (issue 11), two webpack plugins for the production build:
 *
 * - RoutePreloadPlugin: Taro loads each page as its own chunk, and only once the app's scripts have
 *   run — one more round trip (562 ms on Slow 4G) after all of them. This writes an inline script
 *   into index.html that reads the route from the URL's hash (no hash: the first page) and adds a
 *   `<link rel="preload">` for that page's chunks at once, so they load side by side with the app's.
 *   The site's content security policy allows it by its hash, computed from index.html
 *   (scripts/local/securityHeaders.ts).
 * - EarlyScriptPlugin: bundles a small TypeScript entry (esbuild, minified, no Taro, no React) and
 *   writes it inline into index.html before the app's scripts, so it runs as soon as the page has
 *   arrived — for the stations page's first search, sent ~2 s before the app could on Slow 4G
 *   (src/early/firstScreen.h5.ts). Allowed by its hash like the preload script.
 * - PrecompressPlugin: writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside
 *   every text asset once, at build time, for a server or CDN that sends them by Accept-Encoding
 *   (scripts/local/web.ts serveStatic does).
 */
const { promisify } = require('node:util');
const zlib = require('node:zlib');

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const NAME = 'ParklinkFirstScreen';

class RoutePreloadPlugin {
  /**
   * @param {{ pages: string[], html?: string }} options pages as app.config lists them (main
   * package first, then each subpackage's root + page); the first is the page without a hash.
   */
  constructor(options) {
    this.pages = options.pages;
    this.html = options.html || 'index.html';
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        // Right after HtmlWebpackPlugin writes index.html (OPTIMIZE_INLINE), before compression.
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 1 },
        () => {
          const html = compilation.getAsset(this.html);
          if (!html) return;
          const initial = new Set();
          for (const entry of compilation.entrypoints.values()) for (const chunk of entry.chunks) for (const f of chunk.files) initial.add(f);
          const routes = {};
          for (const group of compilation.chunkGroups) {
            if (group.isInitial()) continue;
            const page = this.pageOf(group);
            if (!page) continue;
            const files = [];
            for (const chunk of group.chunks)
              for (const f of chunk.files) if (/\.(js|css)$/.test(f) && !initial.has(f) && !files.includes(f)) files.push(f);
            // CSS first: the page cannot show before its styles, and they are small.
            files.sort((a, b) => Number(a.endsWith('.js')) - Number(b.endsWith('.js')));
            routes[page] = [...(routes[page] || []), ...files.filter((f) => !(routes[page] || []).includes(f))];
          }
          const missing = this.pages.filter((p) => !routes[p]);
          if (missing.length) {
            compilation.warnings.push(new compiler.webpack.WebpackError(`${NAME}: no chunk found for ${missing.join(', ')}`));
          }
          let publicPath = compilation.outputOptions.publicPath;
          if (typeof publicPath !== 'string' || publicPath === 'auto') publicPath = './';
          const script = preloadScript(routes, this.pages[0], publicPath);
          const next = insertBeforeScripts(html.source.source().toString(), script);
          compilation.updateAsset(this.html, new sources.RawSource(next));
        },
      );
    });
  }

  /** The page a lazily loaded chunk group is for: Taro's routes import `./pages/…/index` from the app entry. */
  pageOf(group) {
    for (const origin of group.origins || []) {
      const request = String(origin.request || '').replace(/\\/g, '/').replace(/\.(tsx?|jsx?)$/, '');
      const page = this.pages.find((p) => request === p || request.endsWith(`/${p}`));
      if (page) return page;
    }
    return undefined;
  }
}

/** Puts an inline `<script>` before the first external one (or at the end of the head). */
function insertBeforeScripts(html, script) {
  const at = html.search(/<script\b[^>]*\bsrc=/i);
  const tag = `<script>${script}</script>`;
  return at >= 0 ? html.slice(0, at) + tag + html.slice(at) : html.replace('</head>', `${tag}</head>`);
}

class EarlyScriptPlugin {
  /**
   * @param {{ entry: string, define?: Record<string, string>, html?: string }} options `define`
   * as esbuild's (values are code: JSON.stringify strings).
   */
  constructor(options) {
    this.entry = options.entry;
    this.define = options.define || {};
    this.html = options.html || 'index.html';
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        // After the route preload script: that one only adds links, this one waits on the position.
        { name: `${NAME}Early`, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 2 },
        () => {
          const html = compilation.getAsset(this.html);
          if (!html) return;
          const script = this.bundle(compilation);
          const next = insertBeforeScripts(html.source.source().toString(), script);
          compilation.updateAsset(this.html, new sources.RawSource(next));
        },
      );
    });
  }

  bundle(compilation) {
    const out = require('esbuild').buildSync({
      entryPoints: [this.entry],
      bundle: true,
      minify: true,
      write: false,
      metafile: true,
      format: 'iife',
      // What the h5 build already needs (zod's `?.` and `??` are not transpiled for it).
      target: 'es2020',
      platform: 'browser',
      define: this.define,
      logLevel: 'silent',
    });
    // A rebuild in watch mode picks up edits of the script's sources.
    for (const input of Object.keys(out.metafile.inputs)) compilation.fileDependencies.add(require('node:path').resolve(input));
    return out.outputFiles[0].text.trim().replace(/<\/script/gi, '<\\/script');
  }
}

/** The inline script: the route from location.hash (Taro's hash router: `#/pages/x/index?query`). */
function preloadScript(routes, firstPage, publicPath) {
  // Short keys: this goes into every index.html.
  const map = JSON.stringify(routes).replace(/<\//g, '<\\/');
  return (
    `!function(m,p,d){var r=location.hash.replace(/^#\\/?/,"").split("?")[0].replace(/\\/$/,"")||${JSON.stringify(firstPage)},f=m[r]||[];` +
    `for(var i=0;i<f.length;i++){var l=d.createElement("link");l.rel="preload";l.as=/\\.css$/.test(f[i])?"style":"script";l.href=p+f[i];d.head.appendChild(l)}}` +
    `(${map},${JSON.stringify(publicPath)},document);`
  );
}

class PrecompressPlugin {
  /** @param {{ test?: RegExp, minBytes?: number }} [options] */
  constructor(options = {}) {
    this.test = options.test || /\.(js|css|html|svg|json)$/;
    this.minBytes = options.minBytes ?? 512;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: `${NAME}Compress`, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        async (assets) => {
          const names = Object.keys(assets).filter((n) => this.test.test(n));
          await Promise.all(
            names.map(async (name) => {
              const asset = compilation.getAsset(name);
              const input = asset.source.buffer();
              if (input.length < this.minBytes) return;
              const [br, gz] = await Promise.all([
                brotli(input, {
                  params: {
                    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
                  },
                }),
                gzip(input, { level: zlib.constants.Z_BEST_COMPRESSION }),
              ]);
              const info = { compressed: true, immutable: !!asset.info.immutable, development: false };
              if (br.length < input.length) compilation.emitAsset(`${name}.br`, new sources.RawSource(br), info);
              if (gz.length < input.length) compilation.emitAsset(`${name}.gz`, new sources.RawSource(gz), info);
            }),
          );
        },
      );
    });
  }
}

/** Every page path of an app config, main package first (Taro's h5 routes). */
function appPages(appConfig) {
  return [
    ...(appConfig.pages || []),
    ...(appConfig.subPackages || appConfig.subpackages || []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
  ];
}

module.exports = { RoutePreloadPlugin, EarlyScriptPlugin, PrecompressPlugin, appPages };
