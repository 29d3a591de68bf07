import { Text, View } from '@tarojs/components';
import { requestStatusLabels, type Dashboard } from '@parklink/contract';
import { openDetail } from '../../lib/nav';
import { Bars } from './Bars';
import { Figure, Figures, Panel } from './Figures';
import { durationText, minutesSince, overdueText, rateBase, rateText } from './format';

/** How the period's requests were served: counts, on-time rates, median times, satisfaction. */
export function RequestFigures({ requests }: { requests: Dashboard['requests'] }) {
  return (
    <Panel className="dash-requests" title="诉求办理" hint="按时率与用时只计已答复 / 已办结的诉求">
      <Figures>
        <Figure className="dash-submitted" label="诉求总数" value={String(requests.submitted)} />
        <Figure className="dash-claim-rate" label="按时响应率" value={rateText(requests.claimOnTime)} sub={rateBase(requests.claimOnTime)} />
        <Figure className="dash-resolve-rate" label="按时办结率" value={rateText(requests.resolveOnTime)} sub={rateBase(requests.resolveOnTime)} />
        <Figure className="dash-satisfaction" label="满意率" value={rateText(requests.satisfaction)} sub={rateBase(requests.satisfaction)} />
        <Figure className="dash-claim-median" words label="响应用时中位数" value={durationText(requests.medianMinutesToClaim)} />
        <Figure className="dash-resolve-median" words label="办结用时中位数" value={durationText(requests.medianMinutesToResolve)} />
      </Figures>
    </Panel>
  );
}

export function RequestBars({ requests }: { requests: Dashboard['requests'] }) {
  return (
    <>
      <Panel className="dash-by-status" title="按状态">
        <Bars items={requests.byStatus.map((s) => ({ key: s.status, label: requestStatusLabels[s.status], value: s.count }))} empty="本期没有诉求" />
      </Panel>
      <Panel className="dash-by-category" title="按类别">
        <Bars items={requests.byCategory.map((c) => ({ key: c.id, label: c.name, value: c.count }))} empty="本期没有诉求" />
      </Panel>
    </>
  );
}

/** Open requests past a deadline right now (not limited to the period); a tap opens the request. */
export function OverdueList({ items, now }: { items: Dashboard['overdueNow']; now: number }) {
  return (
    <Panel className="dash-overdue" title={`当前超时（${items.length}）`} hint="当前仍未处理完的超时诉求，不随统计期间变化">
      {items.length ? (
        items.map((r) => (
          <View key={r.id} className="overdue-item" onClick={() => openDetail(r.id)}>
            <View className="overdue-head">
              <Text className="overdue-title">{r.title}</Text>
              <Text className="overdue-clock">{r.clock === 'claim' ? '响应超时' : '办结超时'}</Text>
            </View>
            <Text className="overdue-meta">
              {r.enterpriseName} · {r.departmentName}
            </Text>
            <Text className="overdue-for">{overdueText(minutesSince(r.deadlineAt, now))} ›</Text>
          </View>
        ))
      ) : (
        <Text className="overdue-none">没有超时的诉求</Text>
      )}
    </Panel>
  );
}

/** Departments by the period's requests they took on, with how many they resolved. */
export function BusiestDepartments({ items }: { items: Dashboard['busiestDepartments'] }) {
  return (
    <Panel className="dash-departments" title="部门办理">
      <Bars items={items.map((d) => ({ key: d.id, label: d.name, value: d.handled, text: `${d.handled} 件 · 办结 ${d.resolved}` }))} empty="本期没有部门认领诉求" />
    </Panel>
  );
}
