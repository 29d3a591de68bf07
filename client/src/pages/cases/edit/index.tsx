import '../cases.css';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { caseKindLabels, type CaseKind, type CoBuildingCase, type EnterpriseRef } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useMe } from '../../../hooks/useSession';
import { PAGES } from '../../../lib/nav';
import { CaseForm } from '../CaseForm';
import { useCaseKind } from '../useCaseKind';
import { emptyValues, toCreate, toUpdate, valuesOf, type CaseErrors, type CaseFormValues } from '../values';

/**
 * New case (no `id`: the kind of the user's department) or a draft's edit (`?id=`: sent with the
 * version read; 409 reloads the draft and says so).
 */
export default function CaseEditPage() {
  const me = useMe();
  const id = useRouter().params.id ?? '';
  const myKind = useCaseKind(me);
  const [current, setCurrent] = useState<CoBuildingCase | null>(null);
  const [enterprises, setEnterprises] = useState<EnterpriseRef[]>([]);
  const [errors, setErrors] = useState<CaseErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const loadCase = async () => {
    try {
      setCurrent(await api.cases.get(id));
    } catch (err) {
      setMessage(errorText(err));
    }
  };
  useEffect(() => {
    if (id) void loadCase();
    api.cases
      .enterprises()
      .then(setEnterprises)
      .catch((err) => setMessage(errorText(err)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const kind: CaseKind | null | undefined = id ? current?.kind : myKind;

  const save = async (values: CaseFormValues) => {
    if (busyRef.current || !kind) return;
    const { input, errors: problems } = id && current ? toUpdate(kind, values, current.version) : toCreate(kind, values);
    setErrors(problems);
    setMessage(null);
    if (!input) return;
    busyRef.current = true;
    setBusy(true);
    try {
      if (id && current) {
        await api.cases.update(id, input as Parameters<typeof api.cases.update>[1]);
        void Taro.showToast({ title: '已保存', icon: 'success' });
        void Taro.navigateBack();
      } else {
        const created = await api.cases.create(input as Parameters<typeof api.cases.create>[0]);
        void Taro.showToast({ title: '已保存草稿', icon: 'success' });
        void Taro.redirectTo({ url: `${PAGES.caseDetail}?id=${encodeURIComponent(created.id)}` });
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setMessage(`${err.message}（已载入最新内容）`);
        await loadCase();
      } else {
        setMessage(errorText(err));
        if (err instanceof ApiError) setErrors(err.fieldMap());
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  if (id && !current) {
    return (
      <View className="page">
        <ErrorMessage message={message} />
        {!message ? <Text className="hint">加载中…</Text> : null}
      </View>
    );
  }
  if (current && !current.allowedActions.includes('edit')) {
    return (
      <View className="page">
        <ErrorMessage message={message} />
        <Text className="hint">只有本部门可以修改待企业确认的草稿</Text>
      </View>
    );
  }
  if (!kind) {
    return (
      <View className="page">
        <ErrorMessage message={message} />
        <Text className="hint">{kind === null ? '只有银行或税务部门的联络员可以记录共建案例' : '加载中…'}</Text>
      </View>
    );
  }

  return (
    <View className="page case-edit-page">
      <Text className="section-title">
        {caseKindLabels[kind]} · {current ? current.department.name : (me?.departmentName ?? '')}
      </Text>
      <ErrorMessage message={message} />
      {current?.enterprises.some((e) => e.confirmedAt) ? <Text className="hint">修改后，已确认的企业需要重新确认</Text> : null}
      <CaseForm
        key={current ? `${current.id}-${current.version}` : 'new'}
        kind={kind}
        initial={current ? valuesOf(current) : emptyValues()}
        enterprises={enterprises}
        known={current?.enterprises ?? []}
        errors={errors}
        busy={busy}
        submitLabel={current ? '保存修改' : '保存草稿'}
        onSubmit={(v) => void save(v)}
      />
    </View>
  );
}
