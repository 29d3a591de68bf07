import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { roleLabels, type AuditEvent } from '@parklink/contract';
import { formatTime } from '../../../lib/time';
import { actionLabel, fieldLabel, fieldOrder, targetLabel, valueText } from '../text';

/** Record ids say nothing to a reader; the target line names the record already. */
const HIDDEN = new Set(['id']);

/**
 * One audit event (`.admin-audit-item`): when, who, what (`.admin-audit-action`), on which record
 * (`.admin-audit-target`); 查看变更 (`.admin-audit-toggle`) shows each changed field before → after
 * (`.admin-audit-change`).
 */
export function AuditItem({ event, names }: { event: AuditEvent; names: Record<string, string> }) {
  const [open, setOpen] = useState(false);
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = fieldOrder([...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k)));
  const org = event.actor.departmentName ?? event.actor.enterpriseName;
  return (
    <View className="card admin-card admin-audit-item">
      <View className="card-head">
        <Text className="card-title admin-audit-action">{actionLabel(event.action)}</Text>
        <Text className="admin-audit-when">{formatTime(event.at)}</Text>
      </View>
      <Text className="card-meta admin-audit-target">
        {targetLabel(event.target.type)}
        {event.target.name ? `「${event.target.name}」` : ''}
      </Text>
      <Text className="card-meta admin-audit-who">
        {event.actor.name}（{org ? `${org} · ` : ''}
        {roleLabels[event.actor.role]}）
      </Text>
      {keys.length ? (
        <Text className="admin-audit-toggle" onClick={() => setOpen(!open)}>
          {open ? '收起变更' : `查看变更（${keys.length} 项）`}
        </Text>
      ) : null}
      {open ? (
        <View className="admin-audit-changes">
          {keys.map((k) => (
            <View key={k} className={`admin-audit-change admin-audit-change-${k}`}>
              <Text className="admin-audit-field">{fieldLabel(k)}</Text>
              <View className="admin-audit-values">
                {k in before ? <Text className="admin-audit-before">{valueText(k, before[k], names)}</Text> : null}
                {k in before && k in after ? <Text className="admin-audit-arrow"> → </Text> : null}
                {k in after ? <Text className="admin-audit-after">{valueText(k, after[k], names)}</Text> : <Text className="admin-audit-removed">（已删除）</Text>}
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
