import '../cases.css';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { bankInstrumentLabels, caseKindLabels, taxServiceLabels, type CoBuildingCase } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open, openDetail } from '../../../lib/nav';
import { formatTime } from '../../../lib/time';
import { CaseStatusBadge } from '../CaseCard';
import { CaseAttachments } from '../CaseAttachments';
import { CaseTimeline } from '../CaseTimeline';
import { percent, wan } from '../format';

function Row({ label, value, className = '' }: { label: string; value: string; className?: string }) {
  return (
    <View className={`case-row ${className}`}>
      <Text className="case-row-label">{label}</Text>
      <Text className="case-row-value">{value}</Text>
    </View>
  );
}

function Figures({ c }: { c: CoBuildingCase }) {
  if (c.bank) {
    const b = c.bank;
    return (
      <View className="section case-figures">
        <Text className="section-title">融资信息</Text>
        <Row label="方式" value={bankInstrumentLabels[b.instrument]} className="case-figure-instrument" />
        <Row label="金额" value={b.amountFen !== undefined ? `${wan(b.amountFen)} 万元` : '待补充'} className="case-figure-amount" />
        {b.rateBp !== undefined ? <Row label="年利率" value={`${percent(b.rateBp)}%`} className="case-figure-rate" /> : null}
        {b.termMonths !== undefined ? <Row label="期限" value={`${b.termMonths} 个月`} /> : null}
        <Row label="发放日期" value={b.grantedOn} className="case-figure-date" />
        {b.purpose ? <Row label="用途" value={b.purpose} className="case-figure-purpose" /> : null}
        <Row label="普惠 / 优惠" value={b.preferential ? '是' : '否'} />
      </View>
    );
  }
  if (c.tax) {
    const t = c.tax;
    return (
      <View className="section case-figures">
        <Text className="section-title">税费服务</Text>
        <Row label="服务" value={taxServiceLabels[t.service]} />
        <Row label="减免 / 退税" value={`${wan(t.savedFen)} 万元`} className="case-figure-saved" />
        {t.policies.length ? <Row label="政策" value={t.policies.join('、')} /> : null}
        <Row label="服务日期" value={t.date} className="case-figure-date" />
      </View>
    );
  }
  return null;
}

/**
 * One case: figures, enterprises with their confirmations (`.case-enterprise-row`), narrative,
 * linked work, timeline, and exactly the API's `allowedActions`: `.case-edit`, `.case-confirm`
 * (enterprise, on the version read), `.case-close` (department). A 409 reloads and says why.
 */
export default function CaseDetailPage() {
  const me = useMe();
  const id = useRouter().params.id ?? '';
  const loaded = useLoader(() => api.cases.get(id));
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const c = loaded.data;

  const act = async (send: () => Promise<CoBuildingCase>, toast: string) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setNotice(null);
    try {
      loaded.setData(await send());
      void Taro.showToast({ title: toast, icon: 'success' });
    } catch (err) {
      setNotice(errorText(err));
      if (err instanceof ApiError && (err.status === 409 || err.status === 404 || err.status === 403)) void loaded.reload();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  if (!c) {
    return (
      <View className="page">
        <ErrorMessage message={loaded.error} />
        {loaded.loading ? <Text className="hint">加载中…</Text> : null}
      </View>
    );
  }
  const can = (a: CoBuildingCase['allowedActions'][number]) => c.allowedActions.includes(a);
  const incomplete = c.status === 'draft' && c.kind === 'bank' && c.bank?.amountFen === undefined;

  return (
    <View className="page case-detail-page">
      <ErrorMessage message={loaded.error} />
      <View className="card">
        <View className="card-head">
          <Text className="case-kind">{caseKindLabels[c.kind]}</Text>
          <View className="case-detail-status">
            <CaseStatusBadge status={c.status} />
          </View>
        </View>
        <Text className="detail-title case-detail-title">{c.title}</Text>
        <Text className="case-meta case-detail-department">{c.department.name}</Text>
      </View>

      <Figures c={c} />

      <View className="section">
        <Text className="section-title">服务企业</Text>
        {c.enterprises.map((e) => (
          <View key={e.id} className="case-row case-enterprise-row">
            <Text className="case-enterprise-name">{e.name}</Text>
            {e.confirmedAt ? (
              <Text className="case-enterprise-confirmed">
                已确认 · {e.confirmedBy ?? ''} {formatTime(e.confirmedAt)}
              </Text>
            ) : (
              <Text className="case-enterprise-state">待确认</Text>
            )}
          </View>
        ))}
      </View>

      <View className="section">
        <Text className="section-title">困难</Text>
        <Text className="case-text case-difficulty-text">{c.narrative.difficulty}</Text>
        <Text className="section-title">举措</Text>
        <Text className="case-text case-action-text">{c.narrative.action}</Text>
      </View>

      {c.requestIds.length || c.matchId ? (
        <View className="section case-links">
          <Text className="section-title">来源</Text>
          {c.requestIds.map((r) => (
            <Text key={r} className="case-row case-link case-request-link" onClick={() => openDetail(r)}>
              诉求 {r} ›
            </Text>
          ))}
          {c.matchId ? (
            <Text className="case-row case-match-link">供需对接 {c.matchId}</Text>
          ) : null}
        </View>
      ) : null}

      <CaseAttachments c={c} me={me} onChange={loaded.setData} onError={setNotice} />

      <ErrorMessage message={notice} />
      {incomplete && can('edit') ? <Text className="hint case-incomplete">补充贷款金额后，企业才能确认</Text> : null}
      {c.status === 'draft' && !can('confirm') && c.enterprises.some((e) => !e.confirmedAt) ? (
        <Text className="hint case-waiting">企业确认后计入成效统计</Text>
      ) : null}
      <View className="case-actions">
        {can('confirm') ? (
          <TapButton className="case-confirm" busy={busy} onClick={() => void act(() => api.cases.confirm(c.id, c.version), '已确认')}>
            确认案例属实
          </TapButton>
        ) : null}
        {can('edit') ? (
          <TapButton className="case-edit" primary={false} onClick={() => open(`${PAGES.caseEdit}?id=${encodeURIComponent(c.id)}`)}>
            修改
          </TapButton>
        ) : null}
        {can('close') ? (
          <TapButton className="case-close" primary={false} busy={busy} onClick={() => void act(() => api.cases.close(c.id, c.version), '已归档')}>
            归档
          </TapButton>
        ) : null}
      </View>

      <View className="section">
        <Text className="section-title">记录</Text>
        <CaseTimeline events={c.timeline} />
      </View>
    </View>
  );
}
