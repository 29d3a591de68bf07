import { Text } from '@tarojs/components';
import type { Dashboard } from '@parklink/contract';
import { Bars, type BarItem } from './Bars';
import { Figure, Figures, Panel } from './Figures';
import { rateBase, rateText, wanText } from './format';

/** The supply-demand market in the period: posts, matches and what the succeeded ones raised. */
export function MarketPanel({ market }: { market: Dashboard['market'] }) {
  return (
    <Panel className="dash-market" title="供需对接">
      <Figures>
        <Figure className="dash-needs" label="新增需求" value={String(market.needs)} />
        <Figure className="dash-resources" label="新增资源" value={String(market.resources)} />
        <Figure className="dash-matches" label="发起对接" value={String(market.matches)} sub={`进行中 ${market.inProgress}`} />
        <Figure className="dash-succeeded" label="对接成功" value={String(market.succeeded)} />
        <Figure className="dash-failed" label="未成功" value={String(market.failed)} />
        <Figure className="dash-match-amount" label="成功金额（万元）" value={wanText(market.succeededAmountFen)} />
      </Figures>
    </Panel>
  );
}

/** Confirmed co-building cases in the period (the same figures as 共建成效). */
export function CasesPanel({ cases }: { cases: Dashboard['cases'] }) {
  return (
    <Panel className="dash-cases" title="共建案例" hint="只统计企业已确认的案例">
      <Figures columns={2}>
        <Figure className="dash-case-count" label="共建案例" value={String(cases.cases)} sub={`银企 ${cases.bank.cases} · 税企 ${cases.tax.cases}`} />
        <Figure className="dash-case-enterprises" label="服务企业" value={String(cases.enterprisesServed)} />
        <Figure className="dash-case-loans" label="融资金额（万元）" value={wanText(cases.bank.amountFen)} />
        <Figure className="dash-case-saved" label="减税降费（万元）" value={wanText(cases.tax.savedFen)} />
      </Figures>
    </Panel>
  );
}

/** Care stations and the riders' visits to each in the period. */
export function StationsPanel({ stations }: { stations: Dashboard['stations'] }) {
  return (
    <Panel className="dash-stations" title="爱心驿站">
      <Figures columns={2}>
        <Figure className="dash-station-count" label="驿站" value={String(stations.stations)} />
        <Figure className="dash-riders" label="服务骑手（人次）" value={String(stations.ridersServed)} />
      </Figures>
      <Bars className="dash-by-station" items={stations.byStation.map((s) => ({ key: s.id, label: s.name, value: s.count }))} empty="还没有驿站" />
    </Panel>
  );
}

const covered = (groups: Dashboard['coverage']['byZone']): BarItem[] =>
  groups.map((g) => ({ key: g.name, label: g.name, value: g.withMembers, of: g.enterprises, text: `${g.withMembers} / ${g.enterprises}` }));

/** How much of the park the alliance reaches: enterprises with a member, per zone and industry. */
export function CoveragePanel({ coverage }: { coverage: Dashboard['coverage'] }) {
  return (
    <Panel className="dash-coverage" title="联盟覆盖" hint="有成员加入联盟的企业 / 园区企业">
      <Figures>
        <Figure className="dash-coverage-rate" label="覆盖率" value={rateText(coverage.rate)} sub={rateBase(coverage.rate)} />
        <Figure className="dash-enterprises" label="园区企业" value={String(coverage.enterprises)} />
        <Figure className="dash-with-members" label="已覆盖企业" value={String(coverage.withMembers)} />
      </Figures>
      <Text className="dash-subtitle">按片区</Text>
      <Bars className="dash-by-zone" items={covered(coverage.byZone)} />
      <Text className="dash-subtitle">按行业</Text>
      <Bars className="dash-by-industry" items={covered(coverage.byIndustry)} />
    </Panel>
  );
}
