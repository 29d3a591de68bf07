import '../cases.css';
import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { CaseKind, bankInstrumentLabels, caseKindLabels, taxServiceLabels } from '@parklink/contract';
import { api } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { MonthBars } from '../MonthBars';
import { chinaToday, percent, wan } from '../format';

function Figure({ label, value, className }: { label: string; value: string; className: string }) {
  return (
    <View className={`summary-figure ${className}`}>
      <Text className="summary-value">{value}</Text>
      <Text className="summary-label">{label}</Text>
    </View>
  );
}

/**
 * Figures of confirmed cases in a period (`.summary-from` / `.summary-to`, `.summary-kind`): the
 * API scopes them (the admin: the park; a department: its own; an enterprise: its own cases).
 */
export default function CaseSummaryPage() {
  useMe();
  const today = chinaToday();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [kind, setKind] = useState<CaseKind | undefined>();
  const query = useRef({ from, to, kind });
  query.current = { from, to, kind };
  const { data, error, reload } = useLoader(() => api.cases.summary(query.current));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void reload();
  }, [from, to, kind, reload]);

  return (
    <View className="page case-summary-page">
      <View className="filter-row">
        <Picker className="summary-from" mode="date" value={from} onChange={(e) => setFrom(String(e.detail.value))}>
          <View className="filter-chip">从 {from} ▾</View>
        </Picker>
        <Picker className="summary-to" mode="date" value={to} onChange={(e) => setTo(String(e.detail.value))}>
          <View className="filter-chip">到 {to} ▾</View>
        </Picker>
      </View>
      <View className="choice-list">
        {([undefined, ...CaseKind.options] as (CaseKind | undefined)[]).map((k) => (
          <Text key={k ?? 'all'} className={`choice summary-kind ${kind === k ? 'choice-on' : ''}`} onClick={() => setKind(k)}>
            {k ? caseKindLabels[k] : '全部'}
          </Text>
        ))}
      </View>
      <ErrorMessage message={error} />
      {data ? (
        <>
          <View className="card summary-grid">
            <Figure label="共建案例" value={String(data.cases)} className="summary-cases" />
            <Figure label="服务企业" value={String(data.enterprisesServed)} className="summary-enterprises" />
            <Figure label="融资金额（万元）" value={wan(data.bank.amountFen)} className="summary-amount" />
            <Figure label="普惠 / 优惠（万元）" value={wan(data.bank.preferentialAmountFen)} className="summary-preferential" />
            <Figure label="平均年利率" value={data.bank.averageRateBp !== undefined ? `${percent(data.bank.averageRateBp)}%` : '—'} className="summary-rate" />
            <Figure label="减税降费（万元）" value={wan(data.tax.savedFen)} className="summary-saved" />
          </View>
          <MonthBars months={data.byMonth} />
          {data.bank.byInstrument.length ? (
            <View className="section summary-instruments">
              <Text className="section-title">按融资方式</Text>
              {data.bank.byInstrument.map((i) => (
                <View key={i.instrument} className="case-row summary-instrument">
                  <Text className="case-row-label">{bankInstrumentLabels[i.instrument]}</Text>
                  <Text>
                    {i.cases} 笔 · {wan(i.amountFen)} 万元
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          {data.tax.byService.length ? (
            <View className="section summary-services">
              <Text className="section-title">按税费服务</Text>
              {data.tax.byService.map((s) => (
                <View key={s.service} className="case-row summary-service">
                  <Text className="case-row-label">{taxServiceLabels[s.service]}</Text>
                  <Text>
                    {s.cases} 件 · {wan(s.savedFen)} 万元
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          {data.byDepartment.length ? (
            <View className="section summary-departments">
              <Text className="section-title">按部门</Text>
              {data.byDepartment.map((d) => (
                <View key={d.id} className="case-row summary-department">
                  <Text className="case-row-label">{d.name}</Text>
                  <Text>
                    {d.cases} 件{d.amountFen ? ` · 融资 ${wan(d.amountFen)} 万元` : ''}
                    {d.savedFen ? ` · 减免 ${wan(d.savedFen)} 万元` : ''}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          <Text className="hint">只统计企业已确认的案例</Text>
        </>
      ) : null}
    </View>
  );
}
