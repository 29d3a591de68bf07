/**
 * The virtual users: one autocannon connection each, sending one request at a time in a loop, with
 * its own state (its token, what it saw last) kept in the closures of its own request list.
 *
 * - enterprise: POST /v1/requests with a fresh Idempotency-Key, then GET /v1/requests?scope=mine.
 *   A create that got no answer (socket error, 5xx) is sent again with the same key, as the client
 *   does; every 10th create replays the last acknowledged one on purpose and must get 200 and the
 *   same request back.
 * - liaison: GET the department's pool, claim one of its 3 most urgent requests (the department's
 *   other liaisons race for the same ones: 409 for all but one), and reply to what it won.
 * - rider: GET /v1/stations/nearby around the park, then GET one of the stations found.
 *
 * Every 2xx a client saw for a write goes into `Acks`, which the checks (check.ts) hold the table to.
 */
import type { AutocannonClient, AutocannonRequest } from 'autocannon';
import type { ServiceRequest, RequestList, NearbyStations } from '@parklink/contract';
import type { LoadCategory } from './seed';
import type { Kind, LoadStats } from './stats';

export type Role = 'enterprise' | 'liaison' | 'rider';

export interface AckedCreate {
  requestId: string;
  userId: string;
  key: string;
  status: number;
  version: number;
}
export interface AckedClaim {
  requestId: string;
  userId: string;
  version: number;
}
export interface AckedReply {
  requestId: string;
  userId: string;
  message: string;
  version: number;
}

/** What the clients were told was done. */
export class Acks {
  readonly creates: AckedCreate[] = [];
  readonly claims: AckedClaim[] = [];
  readonly replies: AckedReply[] = [];
  /** Things a client saw that can never be right (a key answering two requests, a claim won by someone else…). */
  readonly contradictions: string[] = [];
  private readonly byKey = new Map<string, string>();

  create(ack: AckedCreate): void {
    const keyOf = `${ack.userId}#${ack.key}`;
    const earlier = this.byKey.get(keyOf);
    if (earlier && earlier !== ack.requestId) this.contradictions.push(`key ${ack.key} of ${ack.userId} answered ${earlier} and then ${ack.requestId}`);
    if (earlier && ack.status === 201) this.contradictions.push(`key ${ack.key} of ${ack.userId} created twice (${earlier}, ${ack.requestId})`);
    this.byKey.set(keyOf, ack.requestId);
    this.creates.push(ack);
  }
}

/** The call a virtual user has on the wire now. */
interface InFlight {
  kind: Kind;
  done: boolean;
  /** Set by onResponse, read by the run's response event (which has the latency). */
  status?: number;
  body?: string;
  failure?: string;
}

export interface VirtualUser {
  role: Role;
  userId: string;
  current?: InFlight;
  previous?: InFlight;
  requests: AutocannonRequest[];
}

export interface Person {
  id: string;
  token: string;
}

/** A point around the demo park's stations (Benxi), a few kilometres either way. */
const PARK = { lat: 41.2945, lng: 123.7662 };
const around = () => ({ lat: (PARK.lat + (Math.random() - 0.5) * 0.06).toFixed(5), lng: (PARK.lng + (Math.random() - 0.5) * 0.08).toFixed(5) });
const pick = <T>(list: readonly T[], within = list.length): T => list[Math.floor(Math.random() * Math.min(within, list.length))]!;
const json = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

export class VirtualUsers {
  private readonly byClient = new WeakMap<AutocannonClient, VirtualUser>();
  private readonly waiting: VirtualUser[];
  private readonly categories: LoadCategory[];
  readonly all: VirtualUser[];

  constructor(
    private readonly stats: LoadStats,
    readonly acks: Acks,
    people: { enterprises: Person[]; liaisons: Person[]; riders: number; categories: LoadCategory[] },
  ) {
    this.categories = people.categories;
    const users = [
      ...people.enterprises.map((p, i) => this.enterprise(p, i)),
      ...people.liaisons.map((p) => this.liaison(p)),
      ...Array.from({ length: people.riders }, (_, i) => this.rider(i)),
    ];
    // Interleaved, so every role starts at once whatever the order connections open in.
    const share = (u: VirtualUser, i: number, of: number) => ({ u, at: (i + 0.5) / of });
    const enterprises = users.filter((u) => u.role === 'enterprise');
    const liaisons = users.filter((u) => u.role === 'liaison');
    const riders = users.filter((u) => u.role === 'rider');
    this.all = [enterprises, liaisons, riders]
      .flatMap((group) => group.map((u, i) => share(u, i, group.length)))
      .sort((a, b) => a.at - b.at)
      .map((s) => s.u);
    this.waiting = [...this.all];
  }

  /** autocannon's setupClient: the next virtual user takes this connection. */
  readonly setupClient = (client: AutocannonClient): void => {
    const vu = this.waiting.shift();
    if (!vu) throw new Error('more connections than virtual users');
    this.byClient.set(client, vu);
    client.on('connError', (error: unknown) => this.failed(vu, (error as NodeJS.ErrnoException).code ?? 'connection error'));
    // autocannon sends the next call before it tells of the timeout: the one that timed out is the one before.
    client.on('timeout', () => this.failed(vu, 'timeout', vu.previous?.done === false ? vu.previous : vu.current));
    client.setRequests(vu.requests);
  };

  /** autocannon's response event: the latency of the answer that onResponse just read. */
  readonly onResponse = (client: AutocannonClient, statusCode: number, _bytes: number, ms: number): void => {
    const vu = this.byClient.get(client);
    const call = vu?.current;
    if (!call || call.done) return;
    call.done = true;
    this.stats.answer(call.kind, call.status ?? statusCode, ms, call.body ?? '', call.failure);
  };

  /** After the run: calls still on the wire when it stopped. */
  countCutOff(): void {
    for (const vu of this.all) if (vu.current && !vu.current.done) this.stats.cutOff(vu.current.kind);
  }

  private failed(vu: VirtualUser, reason: string, call = vu.current) {
    if (!call || call.done) return;
    call.done = true;
    this.stats.socketError(call.kind, reason);
  }

  /**
   * A new call goes out. One still unanswered was given up on: by a timeout, which autocannon
   * reports just after this, or by the connection closing under it, which nothing reports.
   */
  private begin(vu: VirtualUser, kind: Kind): void {
    const before = vu.current;
    if (before && !before.done) setImmediate(() => this.failed(vu, 'dropped without an answer', before));
    vu.previous = before;
    vu.current = { kind, done: false };
  }

  /**
   * The answer's body for a 2xx, else undefined. A Lambda that failed or timed out is answered
   * `200 {"errorMessage": "[504] - Lambda timeout.", "errorType": …}` by serverless-offline on an
   * HTTP API (API Gateway would answer 500 or 503): that is a server error, never a success.
   */
  private read(vu: VirtualUser, status: number, body: string): unknown {
    const call = vu.current;
    if (call) Object.assign(call, { status, body });
    if (status < 200 || status >= 300) return undefined;
    const parsed = json(body) as { errorType?: unknown; errorMessage?: unknown } | undefined;
    if (parsed && typeof parsed.errorType === 'string' && typeof parsed.errorMessage === 'string') {
      const coded = parsed.errorMessage.match(/\[(\d{3})]/)?.[1];
      if (call) Object.assign(call, { status: Number(coded ?? 502), failure: parsed.errorType === 'LambdaTimeoutError' ? 'Lambda timeout' : `Lambda ${parsed.errorType}` });
      return undefined;
    }
    return parsed;
  }

  private enterprise(person: Person, index: number): VirtualUser {
    const vu: VirtualUser = { role: 'enterprise', userId: person.id, requests: [] };
    const auth = { authorization: `Bearer ${person.token}` };
    let n = 0;
    /** A create that got no answer: sent again with the same key and body. */
    let unanswered: { key: string; body: string } | undefined;
    let lastAcked: { key: string; body: string; requestId: string } | undefined;
    let sending: { key: string; body: string; replay: boolean } | undefined;
    const fresh = () => {
      n++;
      const category = this.categories[(index + n) % this.categories.length]!;
      const body = JSON.stringify({
        categoryId: category.id,
        title: `压测诉求 ${person.id} 第${n}件`,
        description: `压力测试：${person.id} 提交的第 ${n} 件诉求，请联络员认领并答复。`,
        fields: category.fields,
      });
      return { key: `load-${person.id}-${n}-${Math.random().toString(36).slice(2, 10)}`, body };
    };
    vu.requests = [
      {
        method: 'POST',
        path: '/v1/requests',
        setupRequest: (request) => {
          const replay = !unanswered && !!lastAcked && n % 10 === 9;
          const next = unanswered ?? (replay ? lastAcked! : fresh());
          if (replay) n++;
          sending = { key: next.key, body: next.body, replay };
          this.begin(vu, replay ? 'replay' : 'create');
          return {
            ...request,
            headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': next.key },
            body: next.body,
          };
        },
        onResponse: (status, body) => {
          const view = this.read(vu, status, body) as ServiceRequest | undefined;
          const sent = sending!;
          if (view && (status === 201 || status === 200)) {
            this.acks.create({ requestId: view.id, userId: person.id, key: sent.key, status, version: view.version });
            if (sent.replay && (status !== 200 || view.id !== lastAcked?.requestId)) {
              this.acks.contradictions.push(`replay of key ${sent.key} answered ${status} ${view.id}, not 200 ${lastAcked?.requestId}`);
            }
            lastAcked = { key: sent.key, body: sent.body, requestId: view.id };
            unanswered = undefined;
          } else {
            // 5xx: the same key again (the first attempt may or may not have written); 4xx: give up on it.
            unanswered = (vu.current?.status ?? status) >= 500 ? { key: sent.key, body: sent.body } : undefined;
          }
          sending = undefined;
        },
      },
      {
        method: 'GET',
        path: '/v1/requests?scope=mine&limit=20',
        setupRequest: (request) => {
          // The create before got no answer at all (socket error): keep its key for the retry.
          if (sending) unanswered = { key: sending.key, body: sending.body };
          sending = undefined;
          this.begin(vu, 'listMine');
          return { ...request, headers: auth };
        },
        onResponse: (status, body) => void this.read(vu, status, body),
      },
    ];
    return vu;
  }

  private liaison(person: Person): VirtualUser {
    const vu: VirtualUser = { role: 'liaison', userId: person.id, requests: [] };
    const auth = { authorization: `Bearer ${person.token}` };
    let pool: string[] = [];
    let won: string | undefined;
    let claiming: string | undefined;
    let replies = 0;
    let replying: { requestId: string; message: string } | undefined;
    vu.requests = [
      {
        method: 'GET',
        path: '/v1/requests?scope=pool&limit=10',
        setupRequest: (request) => {
          pool = [];
          won = undefined;
          this.begin(vu, 'pool');
          return { ...request, headers: auth };
        },
        onResponse: (status, body) => {
          const list = this.read(vu, status, body) as RequestList | undefined;
          pool = (list?.items ?? []).filter((r) => !r.assignee).map((r) => r.id);
        },
      },
      {
        method: 'POST',
        setupRequest: (request) => {
          if (!pool.length) return null;
          claiming = pick(pool, 3);
          this.begin(vu, 'claim');
          return { ...request, path: `/v1/requests/${claiming}/claim`, headers: auth };
        },
        onResponse: (status, body) => {
          const view = this.read(vu, status, body) as ServiceRequest | undefined;
          if (status === 200 && view) {
            this.acks.claims.push({ requestId: view.id, userId: person.id, version: view.version });
            if (view.id !== claiming || view.assignee?.id !== person.id) {
              this.acks.contradictions.push(`claim of ${claiming} by ${person.id} answered 200 with assignee ${view.assignee?.id} on ${view.id}`);
            }
            won = view.id;
          }
        },
      },
      {
        method: 'POST',
        setupRequest: (request) => {
          if (!won) return null;
          replies++;
          replying = { requestId: won, message: `答复 ${person.id} 第${replies}次：已收到，正在办理。` };
          this.begin(vu, 'reply');
          return {
            ...request,
            path: `/v1/requests/${won}/replies`,
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ message: replying.message }),
          };
        },
        onResponse: (status, body) => {
          const view = this.read(vu, status, body) as ServiceRequest | undefined;
          if (status === 200 && view && replying) this.acks.replies.push({ ...replying, userId: person.id, version: view.version });
        },
      },
    ];
    return vu;
  }

  private rider(index: number): VirtualUser {
    const vu: VirtualUser = { role: 'rider', userId: `rider-${index + 1}`, requests: [] };
    let found: string[] = [];
    let at = around();
    vu.requests = [
      {
        method: 'GET',
        setupRequest: (request) => {
          at = around();
          found = [];
          this.begin(vu, 'nearby');
          return { ...request, path: `/v1/stations/nearby?lat=${at.lat}&lng=${at.lng}&limit=10` };
        },
        onResponse: (status, body) => {
          const list = this.read(vu, status, body) as NearbyStations | undefined;
          found = (list?.items ?? []).map((s) => s.id);
        },
      },
      {
        method: 'GET',
        setupRequest: (request) => {
          if (!found.length) return null;
          this.begin(vu, 'station');
          return { ...request, path: `/v1/stations/${encodeURIComponent(pick(found))}?lat=${at.lat}&lng=${at.lng}` };
        },
        onResponse: (status, body) => void this.read(vu, status, body),
      },
    ];
    return vu;
  }
}
