/**
 * What the virtual users saw, per kind of call: latencies of every answer, and the answers sorted
 * into the ones that count. Errors are 5xx answers and socket errors (refused, reset, timed out, or
 * a request the connection dropped without an answer); a lost claim race (409) and a rate-limit
 * refusal (429) are counted apart and are not errors.
 */
import { percentile } from '../bench/report';

export const KINDS = {
  create: 'enterprise: POST /v1/requests',
  replay: 'enterprise: POST /v1/requests again (same Idempotency-Key)',
  listMine: 'enterprise: GET /v1/requests?scope=mine',
  pool: 'liaison: GET /v1/requests?scope=pool',
  claim: 'liaison: POST /v1/requests/{id}/claim',
  reply: 'liaison: POST /v1/requests/{id}/replies',
  nearby: 'rider: GET /v1/stations/nearby',
  station: 'rider: GET /v1/stations/{id}',
} as const;
export type Kind = keyof typeof KINDS;

interface KindStats {
  latencies: number[];
  ok: number;
  lostRace: number;
  limited: number;
  /** Other 4xx answers, by status: none are expected (each is a question about the script or the API). */
  other4xx: Map<number, number>;
  serverErrors: Map<string, number>;
  socketErrors: Map<string, number>;
  /** In flight when the run stopped: neither answered nor failed. */
  cutOff: number;
}

export class LoadStats {
  private readonly kinds = new Map<Kind, KindStats>();
  /** A few bodies of unexpected answers, to say what went wrong. */
  readonly samples: string[] = [];

  private of(kind: Kind): KindStats {
    let stats = this.kinds.get(kind);
    if (!stats) {
      stats = { latencies: [], ok: 0, lostRace: 0, limited: 0, other4xx: new Map(), serverErrors: new Map(), socketErrors: new Map(), cutOff: 0 };
      this.kinds.set(kind, stats);
    }
    return stats;
  }

  /** `failure` names a 5xx beyond its number (serverless-offline's Lambda timeout, which it answers with 200). */
  answer(kind: Kind, status: number, ms: number, body: string, failure?: string): void {
    const stats = this.of(kind);
    stats.latencies.push(ms);
    if (status >= 200 && status < 300) stats.ok++;
    else if (status === 409 && kind === 'claim') stats.lostRace++;
    else if (status === 429) stats.limited++;
    else if (status >= 500) bump(stats.serverErrors, failure ? `${status} ${failure}` : String(status));
    else bump(stats.other4xx, status);
    const unexpected = status >= 500 || (status >= 300 && status !== 429 && !(status === 409 && kind === 'claim'));
    if (unexpected && this.samples.length < 12) this.samples.push(`${kind} ${status}: ${body.slice(0, 300)}`);
  }

  socketError(kind: Kind, reason: string): void {
    bump(this.of(kind).socketErrors, reason);
  }

  cutOff(kind: Kind): void {
    this.of(kind).cutOff++;
  }

  get totals() {
    let answers = 0;
    let errors = 0;
    let lostRaces = 0;
    let limited = 0;
    let other4xx = 0;
    for (const s of this.kinds.values()) {
      answers += s.latencies.length;
      errors += sum(s.serverErrors) + sum(s.socketErrors);
      lostRaces += s.lostRace;
      limited += s.limited;
      other4xx += sum(s.other4xx);
    }
    return { answers, errors, lostRaces, limited, other4xx };
  }

  count(kind: Kind): number {
    return this.kinds.get(kind)?.latencies.length ?? 0;
  }

  /** One row per kind of call, and a row for all of them; `seconds` is the run's measured length. */
  markdown(seconds: number): string {
    const rows = [
      '| call | answers | req/s | p50 | p99 | 2xx | 409 lost race | 429 | other 4xx | errors: 5xx | errors: socket | cut off at the end |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ];
    const all: number[] = [];
    const total = { ok: 0, lostRace: 0, limited: 0, other: 0, server: 0, socket: 0, cutOff: 0 };
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const s = this.kinds.get(kind);
      if (!s) continue;
      all.push(...s.latencies);
      total.ok += s.ok;
      total.lostRace += s.lostRace;
      total.limited += s.limited;
      total.other += sum(s.other4xx);
      total.server += sum(s.serverErrors);
      total.socket += sum(s.socketErrors);
      total.cutOff += s.cutOff;
      rows.push(
        `| ${KINDS[kind]} | ${grouped(s.latencies.length)} | ${rate(s.latencies.length, seconds)} | ${ms(s.latencies, 0.5)} | ${ms(s.latencies, 0.99)} | ` +
          `${grouped(s.ok)} | ${kind === 'claim' ? grouped(s.lostRace) : '—'} | ${grouped(s.limited)} | ${detail(s.other4xx)} | ${detail(s.serverErrors)} | ${detail(s.socketErrors)} | ${grouped(s.cutOff)} |`,
      );
    }
    rows.push(
      `| **all** | **${grouped(all.length)}** | **${rate(all.length, seconds)}** | **${ms(all, 0.5)}** | **${ms(all, 0.99)}** | ${grouped(total.ok)} | ${grouped(total.lostRace)} | ` +
        `${grouped(total.limited)} | ${grouped(total.other)} | **${grouped(total.server)}** | **${grouped(total.socket)}** | ${grouped(total.cutOff)} |`,
    );
    return rows.join('\n');
  }
}

const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
const sum = (map: Map<unknown, number>) => [...map.values()].reduce((a, b) => a + b, 0);
const grouped = (n: number) => n.toLocaleString('en-US');
const rate = (n: number, seconds: number) => (n / seconds).toFixed(n / seconds < 10 ? 1 : 0);

function ms(values: number[], q: number): string {
  if (!values.length) return '—';
  const value = percentile(values, q);
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** "0", or the count with what it was made of: "3 (500: 2, 503: 1)". */
function detail(map: Map<number | string, number>): string {
  const total = sum(map);
  if (!total) return '0';
  return `${grouped(total)} (${[...map.entries()].map(([k, n]) => `${k}: ${grouped(n)}`).join(', ')})`;
}
