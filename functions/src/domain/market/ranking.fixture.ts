/**
 * A small labelled market: resources as a park would list them, and needs each with the resource
 * a park's matchmaker would bring it first. The ranking test checks that it does.
 */
import type { CreateNeedInput, CreateResourceInput, PostOwner } from '@parklink/contract';
import type { User } from '../user';
import { newNeed, newResource, type NeedRecord, type ResourceRecord } from './posts';

const NOW = '2026-11-23T02:00:00.000Z';
const LATER = '2027-05-01T00:00:00.000Z';
const wan = (n: number) => n * 10_000 * 100;

const department = (id: string, name: string): User => ({ id: `u-${id}`, parkId: 'p', name: '联络员', roles: ['liaison'], departmentId: id, departmentName: name });
const enterprise = (id: string, name: string): User => ({ id: `u-${id}`, parkId: 'p', name: '联系人', roles: ['enterprise'], enterpriseId: id, enterpriseName: name });

const psbc = department('dept-psbc', '邮储银行园区支行');
const adbc = department('dept-adbc', '农业发展银行');
const tax = department('dept-tax', '税务分局');
const law = department('dept-law', '园区律师服务团');
const hr = department('dept-hr', '人社局');
const hengtong = enterprise('ent-hengtong', '恒通装备制造有限公司');
const qiche = enterprise('ent-qiche', '驰远汽车零部件有限公司');
const xinrui = enterprise('ent-xinrui', '鑫锐电子科技有限公司');

const resource = (id: string, owner: User, input: Omit<CreateResourceInput, 'expiresAt' | 'terms' | 'industries' | 'zones' | 'tags'> & Partial<CreateResourceInput>, at?: { industry: string; zone: string }, succeeded = 0): ResourceRecord => ({
  ...newResource({ terms: {}, industries: [], zones: [], tags: [], expiresAt: LATER, ...input }, owner, id, NOW, at),
  succeededMatches: succeeded,
});

export const fixtureResources: ResourceRecord[] = [
  resource('r-psbc-micro', psbc, {
    kind: 'financing',
    title: '小微易贷：普惠小微企业信用贷款',
    description: '面向园区小微企业的普惠信用贷款，无需抵押，可用于设备购置和流动资金周转。',
    terms: { product: '小微易贷', amountMinFen: wan(10), amountMaxFen: wan(1000), rateMinBp: 345, rateMaxBp: 435, termMonthsMax: 36 },
    tags: ['信用贷款', '普惠'],
  }, undefined, 2),
  resource('r-adbc-agri', adbc, {
    kind: 'financing',
    title: '农业产业化龙头企业项目贷款',
    description: '支持农业产业化龙头企业的中长期项目贷款，可股权与贷款结合，单笔额度较大。',
    terms: { amountMinFen: wan(3000), amountMaxFen: wan(100_000) },
    industries: ['农副食品加工'],
  }),
  resource('r-tax-refund', tax, {
    kind: 'policy',
    title: '增值税留抵退税政策辅导',
    description: '税务分局专管员上门辅导增值税留抵退税、研发费用加计扣除等政策，提示涉税风险。',
    tags: ['退税', '政策辅导'],
  }),
  resource('r-law-ip', law, {
    kind: 'legal',
    title: '知识产权维权与合同审查',
    description: '园区律师提供合同审查、商标专利等知识产权维权援助和法律咨询。',
  }),
  resource('r-hr-fair', hr, {
    kind: 'hiring',
    title: '园区专场招聘会与用工补贴',
    description: '每月一次专场招聘会，帮助企业招聘技术工人，落实稳岗和社保补贴政策。',
    tags: ['招聘', '技术工人'],
  }),
  resource('r-hengtong-cnc', hengtong, {
    kind: 'orders',
    title: '数控加工产能共享',
    description: '我司数控加工中心有富余产能，可承接精密零件的机加工订单。',
    tags: ['数控', '机加工'],
  }, { industry: '装备制造', zone: '西区' }),
  resource('r-qiche-parts', qiche, {
    kind: 'orders',
    title: '汽车零部件配套订单共享',
    description: '整车厂配套订单较多，寻找汽车零部件供应商分包冲压件和注塑件。',
    tags: ['零部件', '配套'],
  }, { industry: '汽车制造', zone: '西区' }),
  resource('r-xinrui-space', xinrui, {
    kind: 'space',
    title: '标准厂房一层出租',
    description: '园区东区标准厂房一层约 1500 平方米，层高 6 米，适合电子装配。',
    zones: ['东区'],
  }, { industry: '电子信息', zone: '东区' }),
];

const need = (id: string, owner: User, at: { industry: string; zone: string }, input: Omit<CreateNeedInput, 'expiresAt' | 'tags'> & Partial<CreateNeedInput>): NeedRecord =>
  newNeed({ tags: [], expiresAt: LATER, ...input }, owner, at, id, NOW);

const kangyuan = enterprise('ent-kangyuan', '康源生物医药股份有限公司');
const yunshang = enterprise('ent-yunshang', '云尚电子商务有限公司');

/** Each need with the resource that must rank first for it. */
export const fixtureNeeds: [NeedRecord, string][] = [
  [need('n-equipment-loan', xinrui, { industry: '电子信息', zone: '东区' }, { kind: 'financing', title: '购置贴片设备需贷款', description: '新增两条贴片生产线，设备购置需要贷款 300 万元，希望无抵押信用贷款。', amountFen: wan(300) }), 'r-psbc-micro'],
  [need('n-big-project', kangyuan, { industry: '农副食品加工', zone: '南区' }, { kind: 'financing', title: '中药材基地项目融资', description: '建设中药材种植加工基地项目，需要中长期项目贷款或股权融资 8000 万元。', amountFen: wan(8000) }), 'r-adbc-agri'],
  [need('n-refund', yunshang, { industry: '电商', zone: '东区' }, { kind: 'policy', title: '留抵退税怎么申请', description: '想了解增值税留抵退税的条件和申请流程，是否可以退税。' }), 'r-tax-refund'],
  [need('n-trademark', xinrui, { industry: '电子信息', zone: '东区' }, { kind: 'legal', title: '商标被仿冒如何维权', description: '我司商标被外地企业仿冒，需要知识产权维权的法律援助。' }), 'r-law-ip'],
  [need('n-workers', qiche, { industry: '汽车制造', zone: '西区' }, { kind: 'hiring', title: '招聘数控车工 20 名', description: '扩产需要招聘数控车工和焊工等技术工人，希望参加招聘会。' }), 'r-hr-fair'],
  [need('n-machining', qiche, { industry: '汽车制造', zone: '西区' }, { kind: 'orders', title: '寻找精密零件机加工协作', description: '急需数控机加工协作厂家，加工汽车零部件中的精密轴类零件。' }), 'r-hengtong-cnc'],
  [need('n-parts-supplier', hengtong, { industry: '装备制造', zone: '西区' }, { kind: 'orders', title: '承接冲压件订单', description: '我司冲压车间有富余产能，希望承接汽车零部件冲压件配套订单。' }), 'r-qiche-parts'],
  [need('n-factory', kangyuan, { industry: '生物医药', zone: '东区' }, { kind: 'space', title: '租用厂房 1000 平方米', description: '新产线需要在东区租用标准厂房约 1000 平方米。' }), 'r-xinrui-space'],
];

export const fixtureOwners: Record<string, PostOwner> = Object.fromEntries(fixtureResources.map((r) => [r.id, r.owner]));
