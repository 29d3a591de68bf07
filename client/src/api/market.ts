import type {
  CreateNeedInput,
  CreateResourceInput,
  Match,
  MatchList,
  MatchListQuery,
  MatchMessageInput,
  MatchNoteInput,
  MatchOutcomeInput,
  MarketListQuery,
  Need,
  NeedList,
  NeedSuggestions,
  ParkProfile,
  ProposeMatchInput,
  Resource,
  ResourceList,
  ResourceSuggestions,
  UpdateNeedInput,
  UpdateResourceInput,
} from '@parklink/contract';
import { call } from './http';

type Query = Record<string, string | number | undefined>;

/** Drops empty values; the rest as strings. */
function toQuery(query: Query): Record<string, string> {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q[k] = String(v);
  return q;
}

export type MarketListFilter = Partial<Pick<MarketListQuery, 'kind' | 'industry' | 'zone' | 'q' | 'scope' | 'cursor' | 'limit'>>;

/** The supply-demand market (供需对接): needs, resources, suggestions and matches. */
export const marketApi = {
  /** The park's zones and industries (for filters and the post form). */
  park(): Promise<ParkProfile> {
    return call<ParkProfile>('getPark');
  },
  listNeeds(filter: MarketListFilter = {}): Promise<NeedList> {
    return call<NeedList>('listNeeds', { query: toQuery(filter) });
  },
  createNeed(input: CreateNeedInput): Promise<Need> {
    return call<Need>('createNeed', { body: input });
  },
  getNeed(id: string): Promise<Need> {
    return call<Need>('getNeed', { params: { id } });
  },
  /** On the version read; a stale one answers 409 CONFLICT. `status` pauses, reopens or closes. */
  updateNeed(id: string, input: UpdateNeedInput): Promise<Need> {
    return call<Need>('updateNeed', { params: { id }, body: input });
  },
  needSuggestions(id: string): Promise<ResourceSuggestions> {
    return call<ResourceSuggestions>('needSuggestions', { params: { id } });
  },
  listResources(filter: MarketListFilter = {}): Promise<ResourceList> {
    return call<ResourceList>('listResources', { query: toQuery(filter) });
  },
  createResource(input: CreateResourceInput): Promise<Resource> {
    return call<Resource>('createResource', { body: input });
  },
  getResource(id: string): Promise<Resource> {
    return call<Resource>('getResource', { params: { id } });
  },
  updateResource(id: string, input: UpdateResourceInput): Promise<Resource> {
    return call<Resource>('updateResource', { params: { id }, body: input });
  },
  resourceSuggestions(id: string): Promise<NeedSuggestions> {
    return call<NeedSuggestions>('resourceSuggestions', { params: { id } });
  },
  /** 409 CONFLICT when the pair already has an active match. */
  proposeMatch(input: ProposeMatchInput): Promise<Match> {
    return call<Match>('proposeMatch', { body: input });
  },
  listMatches(query: Partial<Pick<MatchListQuery, 'needId' | 'resourceId' | 'cursor' | 'limit'>> = {}): Promise<MatchList> {
    return call<MatchList>('listMatches', { query: toQuery(query) });
  },
  getMatch(id: string): Promise<Match> {
    return call<Match>('getMatch', { params: { id } });
  },
  accept(id: string, input: MatchMessageInput = {}): Promise<Match> {
    return call<Match>('acceptMatch', { params: { id }, body: input });
  },
  decline(id: string, input: MatchMessageInput = {}): Promise<Match> {
    return call<Match>('declineMatch', { params: { id }, body: input });
  },
  withdraw(id: string, input: MatchMessageInput = {}): Promise<Match> {
    return call<Match>('withdrawMatch', { params: { id }, body: input });
  },
  note(id: string, input: MatchNoteInput): Promise<Match> {
    return call<Match>('noteMatch', { params: { id }, body: input });
  },
  succeed(id: string, input: MatchOutcomeInput): Promise<Match> {
    return call<Match>('succeedMatch', { params: { id }, body: input });
  },
  fail(id: string, input: MatchOutcomeInput): Promise<Match> {
    return call<Match>('failMatch', { params: { id }, body: input });
  },
};
