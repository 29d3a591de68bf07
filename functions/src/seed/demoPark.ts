/**
 * The demo park that `npm start` seeds into an empty table: departments, liaisons, categories and
 * enterprises modelled on the field reports (shared/seeds): an approvals bureau, human resources,
 * the tax bureau, two bank branches, a law firm and a mentor group, with a 3-day green channel.
 */
import type { Amenity, CategoryField, SlaSpec } from '@parklink/contract';
import type { Interval } from '../domain/openingHours';
import type { Station } from '../domain/stations';
import { creditCodeCheckCharacter } from '../domain/creditCode';
import { calendarFor } from './chinaCalendar';
import { demoResources } from './demoMarket';
import type { ParkSeed } from './parkSeed';

/** A valid 18-character unified social credit code from its first 17 characters. */
const creditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;

export function demoPark(parkId = 'park-demo', parkName = '高新区智造产业园'): ParkSeed {
  const dept = (id: string, name: string, kind: ParkSeed['departments'][number]['kind']) => ({
    id,
    parkId,
    name,
    kind,
    headUserIds: [] as string[],
  });
  const departments = [
    dept('dept-approvals', '区行政审批局', 'government'),
    dept('dept-hr', '区人力资源和社会保障局', 'government'),
    dept('dept-tax', '区税务局园区税务分局', 'tax'),
    dept('dept-adbc', '农业发展银行园区支行', 'bank'),
    dept('dept-psbc', '邮储银行园区支行', 'bank'),
    dept('dept-law', '园区法律顾问律师事务所', 'law'),
    dept('dept-mentor', '园区创业导师团', 'mentor'),
    dept('dept-service', '园区党群服务中心', 'government'),
  ];
  let order = 0;
  const hours = (amount: number) => ({ unit: 'hours' as const, amount });
  const workingDays = (amount: number) => ({ unit: 'working_days' as const, amount });
  const category = (
    id: string,
    name: string,
    description: string,
    claimSla: SlaSpec,
    resolveSla: SlaSpec,
    departmentIds: string[],
    fields: CategoryField[] = [],
  ) => ({ id, parkId, name, description, claimSla, resolveSla, departmentIds, fields, order: order++ });
  const options = (...labels: [string, string][]) => labels.map(([value, label]) => ({ value, label }));
  // Claim: to the first public reply. Resolve: the green channel's "3日内拿出解决方案" is 3 working days.
  const categories = [
    category('cat-approval', '审批办证', '项目审批、证照办理（绿色通道：3个工作日内拿出解决方案）', hours(4), workingDays(3), ['dept-approvals']),
    category('cat-talent', '引才用工', '招聘、人才政策、社保与用工', hours(8), workingDays(5), ['dept-hr'], [
      { key: 'headcount', label: '用工人数', type: 'number', required: true, min: 1, max: 10000, unit: '人' },
      {
        key: 'roles',
        label: '岗位类型',
        type: 'multi_choice',
        required: false,
        options: options(['operator', '普工'], ['technician', '技术工人'], ['engineer', '工程师'], ['manager', '管理人员']),
      },
    ]),
    category('cat-finance', '融资信贷', '贷款、担保、银企对接', hours(4), workingDays(3), ['dept-adbc', 'dept-psbc'], [
      { key: 'amount', label: '融资金额', type: 'number', required: true, min: 1, max: 100000, unit: '万元', hint: '单位：万元' },
      {
        key: 'purpose',
        label: '资金用途',
        type: 'single_choice',
        required: true,
        options: options(['working_capital', '流动资金'], ['equipment', '设备购置'], ['plant', '厂房建设'], ['rnd', '研发投入'], ['other', '其他']),
      },
      { key: 'term', label: '期限', type: 'number', required: false, min: 1, max: 360, unit: '个月' },
    ]),
    category('cat-tax', '税费政策', '税费优惠、申报与风险提示', hours(4), workingDays(2), ['dept-tax']),
    category('cat-legal', '法律维权', '合同纠纷、欠款追讨、劳动争议', hours(8), workingDays(3), ['dept-law']),
    category('cat-ip', '知识产权', '专利、商标申请与维权援助', hours(8), workingDays(5), ['dept-law'], [
      {
        key: 'kind',
        label: '权利类型',
        type: 'single_choice',
        required: true,
        options: options(['patent', '专利'], ['trademark', '商标'], ['copyright', '著作权']),
      },
    ]),
    category('cat-site', '场地与宣传', '厂房场地、展会与宣传推广', hours(24), workingDays(5), ['dept-service']),
    category('cat-safety', '安全生产', '安全检查、隐患整改与培训（按自然时计时）', hours(2), hours(48), ['dept-service', 'dept-approvals']),
    category('cat-other', '其他', '创业辅导及其他困难', hours(24), workingDays(7), ['dept-service', 'dept-mentor']),
  ];
  const enterprise = (id: string, name: string, first17: string, industry: string, zone: string) => ({
    id,
    parkId,
    name,
    creditCode: creditCode(first17),
    industry,
    zone,
  });
  const enterprises = [
    enterprise('ent-xinrui', '鑫锐电子科技有限公司', '91510100MA61R8XK2', '电子信息', '东区'),
    enterprise('ent-hengtong', '恒通装备制造有限公司', '91510100MA62T3QW7', '装备制造', '西区'),
    enterprise('ent-kangyuan', '康源生物医药股份有限公司', '91510100MA63B5LN4', '生物医药', '南区'),
    enterprise('ent-qiche', '驰远汽车零部件有限公司', '91510100MA64D7HP1', '汽车制造', '西区'),
    enterprise('ent-yunshang', '云尚电子商务有限公司', '91510100MA65F9JR8', '电商', '东区'),
  ];
  let invite = 100;
  // User ids are global (a token names the user, login finds them without a park): prefix other parks'.
  const userId = (id: string) => (parkId === 'park-demo' ? id : `${parkId}-${id}`);
  const user = (id: string, name: string, roles: ParkSeed['users'][number]['roles'], extra: Record<string, string>) => ({
    id: userId(id),
    parkId,
    name,
    roles,
    demo: true,
    inviteCode: `${parkId.toUpperCase()}-${invite++}`,
    ...extra,
  });
  const deptName = (id: string) => departments.find((d) => d.id === id)!.name;
  const entName = (id: string) => enterprises.find((e) => e.id === id)!.name;
  const liaison = (id: string, name: string, departmentId: string, head = false) =>
    user(id, name, head ? ['dept_head'] : ['liaison'], { departmentId, departmentName: deptName(departmentId) });
  const contact = (id: string, name: string, enterpriseId: string) =>
    user(id, name, ['enterprise'], { enterpriseId, enterpriseName: entName(enterpriseId) });
  const users = [
    user('u-admin', '周书记', ['admin'], {}),
    liaison('u-approvals-1', '李审批', 'dept-approvals'),
    liaison('u-approvals-head', '王局长', 'dept-approvals', true),
    liaison('u-hr-1', '赵人社', 'dept-hr'),
    liaison('u-hr-head', '钱科长', 'dept-hr', true),
    liaison('u-tax-1', '孙税务', 'dept-tax'),
    liaison('u-tax-2', '吴专管员', 'dept-tax'),
    liaison('u-tax-head', '郑分局长', 'dept-tax', true),
    liaison('u-adbc-1', '冯信贷', 'dept-adbc'),
    liaison('u-adbc-head', '陈行长', 'dept-adbc', true),
    liaison('u-psbc-1', '褚客户经理', 'dept-psbc'),
    liaison('u-psbc-head', '卫行长', 'dept-psbc', true),
    liaison('u-law-1', '蒋律师', 'dept-law'),
    liaison('u-law-head', '沈主任', 'dept-law', true),
    liaison('u-mentor-1', '韩导师', 'dept-mentor'),
    liaison('u-mentor-head', '杨团长', 'dept-mentor', true),
    liaison('u-service-1', '朱干事', 'dept-service'),
    liaison('u-service-head', '秦主任', 'dept-service', true),
    contact('u-ent-xinrui', '张经理', 'ent-xinrui'),
    contact('u-ent-hengtong', '刘总', 'ent-hengtong'),
    contact('u-ent-kangyuan', '黄主管', 'ent-kangyuan'),
    contact('u-ent-qiche', '何厂长', 'ent-qiche'),
    contact('u-ent-yunshang', '林店长', 'ent-yunshang'),
    // Keeps the service centre's and the night riders' stations (驿站管理员).
    user('u-host-center', '孟站长', ['station_host'], {}),
  ];
  // Heads and admins hear about missed deadlines: their ids go on the department and park records.
  for (const d of departments) {
    d.headUserIds = users.filter((u) => 'departmentId' in u && u.departmentId === d.id && u.roles.includes('dept_head')).map((u) => u.id);
  }
  const adminUserIds = users.filter((u) => u.roles.includes('admin')).map((u) => u.id);
  const stations = demoStations(parkId, userId('u-host-center'));
  const years = [2025, 2026];
  const calendar = { parkId, years, ...calendarFor(years) };
  const resources = demoResources(parkId, users, enterprises);
  const zones = ['东区', '西区', '南区'];
  const industries = ['电子信息', '装备制造', '生物医药', '汽车制造', '电商', '农副食品加工'];
  return { park: { id: parkId, name: parkName, adminUserIds, zones, industries }, stations, departments, categories, enterprises, users, calendar, resources };
}

/**
 * Care stations around the demo park (modelled on Benxi's first stations for couriers and riders):
 * different hours — daytime, overnight, round the clock, closed on holidays — and amenities.
 */
function demoStations(parkId: string, hostId: string): Station[] {
  const week = (...intervals: [string, string][]) => Array.from({ length: 7 }, () => intervals.map(([open, close]) => ({ open, close })));
  const station = (id: string, name: string, address: string, lat: number, lng: number, amenities: Amenity[], weekly: Interval[][], closedOnHolidays = false): Station => ({
    id: parkId === 'park-demo' ? id : `${parkId}-${id}`,
    parkId,
    name,
    address,
    district: '本溪市平山区',
    location: { lat, lng },
    amenities,
    schedule: { weekly, closedOnHolidays, closures: [] },
    version: 1,
    hostIds: ['st-service-center', 'st-night'].includes(id) ? [hostId] : [],
    ...(id === 'st-service-center' ? { contactPhone: '024-42861234' } : {}),
    photos: [],
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
  return [
    station('st-service-center', '园区党群服务中心爱心驿站', '园区管委会一楼东侧', 41.2945, 123.7662, ['water', 'charging', 'microwave', 'toilet', 'seats', 'air_conditioning', 'first_aid', 'wifi'], week(['08:00', '20:00'])),
    station('st-postal', '邮储银行园区支行爱心驿站', '园区中路 18 号', 41.2981, 123.7725, ['water', 'charging', 'seats', 'air_conditioning'], week(['08:30', '17:30']), true),
    station('st-tax', '税务分局办税厅驿站', '兴业街 6 号', 41.2902, 123.7598, ['water', 'toilet', 'seats'], week(['09:00', '17:00']), true),
    station('st-night', '夜间骑手之家', '滨河路与园区路交口', 41.3018, 123.7811, ['water', 'charging', 'microwave', 'seats'], week(['20:00', '08:00'])),
    station('st-24h', '全天候快递小哥驿站', '物流园 3 号门', 41.2857, 123.7890, ['water', 'charging', 'toilet', 'seats', 'wifi'], week(['00:00', '24:00'])),
    station('st-library', '社区书屋驿站', '平山区图书馆一层', 41.3102, 123.7503, ['water', 'seats', 'wifi', 'air_conditioning'], week(['09:00', '12:00'], ['13:30', '21:00'])),
  ];
}
