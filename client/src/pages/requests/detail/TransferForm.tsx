import { Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { TransferInput, type Department, type DepartmentRef } from '@parklink/contract';
import { api, errorText, zh } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';
import { useSend, type RequestActionProps } from '../../../hooks/useSend';

/**
 * Hand the request to another department's pool, with a reason. The departments are a plain list
 * of choices (not a scrolling picker): a handful of units, all visible at once, same on h5 and weapp.
 */
export function TransferForm({ id, current, ...props }: RequestActionProps & { current: DepartmentRef[] }) {
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { sending, error, fieldErrors, run } = useSend(props);

  useEffect(() => {
    api.departments().then(setDepartments, (err: unknown) => setLoadError(errorText(err)));
  }, []);

  const choices = (departments ?? []).filter((d) => !current.some((c) => c.id === d.id));

  const submit = async () => {
    const parsed = TransferInput.safeParse({ departmentId, reason: reason.trim() });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (!next[field]) next[field] = field === 'departmentId' ? '请选择转派部门' : zh(issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    await run(() => api.requests.transfer(id, parsed.data), '已转派');
  };

  return (
    <View className="section action-form transfer-form">
      <Text className="section-title">转派</Text>
      <Text className="hint">转到其他部门的待认领池，对方重新计算响应时限</Text>
      <ErrorMessage message={loadError} />
      {departments === null && !loadError ? <Text className="hint">加载部门…</Text> : null}
      <View className="choice-list">
        {choices.map((d) => (
          <View
            key={d.id}
            className={`choice transfer-department ${departmentId === d.id ? 'choice-on' : ''}`}
            onClick={() => {
              setDepartmentId(d.id);
              setErrors(({ departmentId: _, ...rest }) => rest);
            }}
          >
            {d.name}
          </View>
        ))}
      </View>
      <FieldError message={errors.departmentId ?? fieldErrors.departmentId} />
      <Textarea
        className="textarea transfer-reason"
        value={reason}
        maxlength={500}
        placeholder="转派原因"
        onInput={(e) => {
          setReason(e.detail.value);
          setErrors(({ reason: _, ...rest }) => rest);
        }}
      />
      <FieldError message={errors.reason ?? fieldErrors.reason} />
      <ErrorMessage message={error} />
      <ActionButton className="transfer-submit" busy={sending} onClick={() => void submit()}>
        确认转派
      </ActionButton>
    </View>
  );
}
