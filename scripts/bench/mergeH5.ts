/**
 * `npm run bench -- --only-h5`: BENCHMARKS.md as it was, with its h5 rows and h5 note replaced by
 * this run's (each where the old one stood; new ones at the table's end and before the stations
 * note) and a header line saying when they were measured — the rest of the header describes the
 * full run that made the file.
 */
export function mergeH5(existing: string, fresh: { rows: string[]; note?: string; when: string }): string {
  const isRow = (line: string) => line.startsWith('| h5');
  const isNote = (line: string) => line.startsWith('- h5: ');
  const isWhen = (line: string) => line.startsWith('- h5 rows: ');
  const out: string[] = [];
  let rowsDone = false;
  let noteDone = !fresh.note;
  for (const line of existing.split('\n')) {
    if (isWhen(line)) continue;
    if (isRow(line)) {
      if (!rowsDone) out.push(...fresh.rows);
      rowsDone = true;
      continue;
    }
    if (isNote(line)) {
      if (!noteDone) out.push(`- ${fresh.note}`);
      noteDone = true;
      continue;
    }
    if (!noteDone && line.startsWith('- Care stations and ledger:')) {
      out.push(`- ${fresh.note}`);
      noteDone = true;
    }
    out.push(line);
  }
  if (!rowsDone) {
    const last = out.reduce((at, line, i) => (line.startsWith('|') ? i : at), -1);
    out.splice(last < 0 ? out.length : last + 1, 0, ...fresh.rows);
  }
  if (!noteDone) out.push(`- ${fresh.note}`);
  const loadLine = out.findIndex((line) => line.startsWith('- Mean 1-minute load'));
  out.splice(loadLine < 0 ? 0 : loadLine + 1, 0, `- h5 rows: measured on their own (\`--only-h5\`) ${fresh.when}`);
  return out
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n')
    .replace(/\n*$/, '\n');
}
