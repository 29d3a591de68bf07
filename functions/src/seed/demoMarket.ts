/**
 * The demo park's market: resources its members keep listed (the postal bank's micro-loan product
 * first among them, as in the field reports), dated from the day the park is seeded so they stay
 * open for most of a year.
 */
import type { CreateResourceInput } from '@parklink/contract';
import { newResource, type ResourceRecord } from '../domain/market/posts';
import type { User } from '../domain/user';
import type { EnterpriseRecord, UserRecord } from '../store/directory';

const wan = (n: number) => n * 10_000 * 100;
const DAY = 86_400_000;

export function demoResources(parkId: string, users: UserRecord[], enterprises: EnterpriseRecord[], seededAt = Date.now()): ResourceRecord[] {
  const now = new Date(seededAt).toISOString();
  const expiresAt = new Date(seededAt + 300 * DAY).toISOString();
  const by = (id: string) => users.find((u) => u.id === id || u.id === `${parkId}-${id}`) as User;
  const at = (enterpriseId: string) => enterprises.find((e) => e.id === enterpriseId);
  const idOf = (id: string) => (parkId === 'park-demo' ? id : `${parkId}-${id}`);
  const resource = (id: string, owner: string, input: Omit<CreateResourceInput, 'expiresAt' | 'terms' | 'industries' | 'zones' | 'tags'> & Partial<CreateResourceInput>, enterpriseId?: string) =>
    newResource({ terms: {}, industries: [], zones: [], tags: [], expiresAt, ...input }, by(owner), idOf(id), now, enterpriseId ? at(enterpriseId) : undefined);
  return [
    resource('res-psbc-micro', 'u-psbc-1', {
      kind: 'financing',
      title: '小微易贷：普惠小微企业信用贷款',
      description: '面向园区小微企业的普惠信用贷款，无需抵押，可用于设备购置和流动资金周转，最快 3 个工作日放款。',
      terms: { product: '小微易贷', amountMinFen: wan(10), amountMaxFen: wan(1000), rateMinBp: 345, rateMaxBp: 435, termMonthsMax: 36 },
      tags: ['信用贷款', '普惠'],
    }),
    resource('res-adbc-agri', 'u-adbc-1', {
      kind: 'financing',
      title: '农业产业化龙头企业项目贷款',
      description: '支持农业产业化龙头企业的中长期项目贷款，可股权与贷款结合，单笔额度较大。',
      terms: { amountMinFen: wan(3000), amountMaxFen: wan(100_000), rateMinBp: 300, rateMaxBp: 390, termMonthsMax: 120 },
      industries: ['农副食品加工', '生物医药'],
    }),
    resource('res-tax-refund', 'u-tax-1', {
      kind: 'policy',
      title: '增值税留抵退税政策辅导',
      description: '税务分局专管员上门辅导增值税留抵退税、研发费用加计扣除等政策，提示涉税风险。',
      tags: ['退税', '政策辅导'],
    }),
    resource('res-law-ip', 'u-law-1', {
      kind: 'legal',
      title: '知识产权维权与合同审查',
      description: '园区律师提供合同审查、商标专利等知识产权维权援助和法律咨询。',
    }),
    resource('res-hr-fair', 'u-hr-1', {
      kind: 'hiring',
      title: '园区专场招聘会与用工补贴',
      description: '每月一次专场招聘会，帮助企业招聘技术工人，落实稳岗和社保补贴政策。',
      tags: ['招聘', '技术工人'],
    }),
    resource('res-hengtong-cnc', 'u-ent-hengtong', {
      kind: 'orders',
      title: '数控加工产能共享',
      description: '我司数控加工中心有富余产能，可承接精密零件的机加工订单。',
      tags: ['数控', '机加工'],
    }, 'ent-hengtong'),
  ];
}
