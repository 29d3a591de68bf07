/**
 * One ledger export as the worker Lambda runs it, alone in this process so its time and peak
 * memory are its own (scripts/bench/ledger.ts starts it). Prints one JSON line.
 */
import { configFromEnv } from '../../functions/src/config';
import { depsFromConfig } from '../../functions/src/http/deps';
import { runLedgerExport } from '../../functions/src/services/ledgerExport';
import { ledgerExportStore } from '../../functions/src/store/ledgerExports';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main() {
  const [parkId, exportId] = process.argv.slice(2) as [string, string];
  const deps = depsFromConfig({ dynamoRequestTimeoutMs: 60_000, ...configFromEnv() }, { log: () => {} });
  // Loaded and connected first, like a warm container: the figure is the export, not the start.
  await ledgerExportStore.get(deps.db, parkId, exportId);
  const baselineRss = process.memoryUsage().rss;
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  await runLedgerExport(deps, { type: 'ledgerExport', parkId, exportId });
  const ms = performance.now() - started;
  clearInterval(sampler);
  const record = await ledgerExportStore.get(deps.db, parkId, exportId);
  console.log(JSON.stringify({ ms, baselineRss, maxRss: process.resourceUsage().maxRSS * 1024, peakHeap, record }));
  deps.db.doc.destroy();
}

void main();
