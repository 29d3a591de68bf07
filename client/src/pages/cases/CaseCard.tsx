import { Text, View } from '@tarojs/components';
import { caseKindLabels, caseStatusLabels, type CaseStatus, type CoBuildingCase } from '@parklink/contract';
import { headline } from './format';

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return <Text className={`case-status case-status-${status}`}>{caseStatusLabels[status]}</Text>;
}

/** One case in the list (`.case-item`): kind, title, department, enterprises, headline figure, status. */
export function CaseCard({ c, onOpen }: { c: CoBuildingCase; onOpen: () => void }) {
  return (
    <View className="card case-card case-item" onClick={onOpen}>
      <View className="card-head">
        <View>
          <Text className="case-kind">{caseKindLabels[c.kind]}</Text>
          <Text className="case-title">{c.title}</Text>
        </View>
      </View>
      <Text className="case-meta">{c.department.name}</Text>
      <Text className="case-meta case-item-enterprises">{c.enterprises.map((e) => e.name).join('、')}</Text>
      <Text className="case-headline case-item-headline">{headline(c)}</Text>
      <View className="case-badges">
        <View className="case-item-status">
          <CaseStatusBadge status={c.status} />
        </View>
        {c.allowedActions.includes('confirm') ? <Text className="case-confirm-badge">待您确认</Text> : null}
      </View>
    </View>
  );
}
