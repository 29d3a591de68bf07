/**
 * WeChat's JS engine sometimes has no `globalThis` ("Can't find variable: globalThis" on some
 * devices). zod keeps its global config and registry there; give those modules a safe stand-in.
 */
module.exports = function globalThisLoader(source) {
  if (!source.includes('globalThis')) return source;
  return (
    "var __parklinkGlobal = typeof globalThis !== 'undefined' ? globalThis : {};\n" +
    source.replace(/\bglobalThis\b/g, '__parklinkGlobal')
  );
};
