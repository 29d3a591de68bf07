import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { CreateRequestInput } from '@parklink/contract';
import { ApiError, api, errorText, newIdempotencyKey, zh } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES } from '../../../lib/nav';
import { askSubscribeConsent } from '../../../lib/subscribe';
import { deadlineLabel } from '../../../lib/time';

type Field = 'categoryId' | 'title' | 'description';

export default function SubmitPage() {
  useMe();
  const preset = useRouter().params.categoryId;
  const categories = useLoader(() => api.categories());
  const list = categories.data ?? [];

  const [categoryId, setCategoryId] = useState<string | undefined>(preset);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // One key per submission attempt: kept across retries of the same content, renewed when it changes.
  const attempt = useRef<{ key: string; body: string } | null>(null);

  /** Editing a field clears its message. */
  const clear = (field: Field) => setErrors((prev) => (prev[field] ? { ...prev, [field]: undefined } : prev));

  const selected = list.find((c) => c.id === categoryId);
  const selectedIndex = Math.max(0, list.findIndex((c) => c.id === categoryId));

  const submit = async () => {
    if (sending) return;
    setFormError(null);
    const parsed = CreateRequestInput.safeParse({ categoryId: categoryId ?? '', title, description });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        if (next[field]) continue;
        next[field] = field === 'categoryId' ? '请选择诉求类别' : zh(issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    const body = JSON.stringify(parsed.data);
    if (!attempt.current || attempt.current.body !== body) attempt.current = { key: newIdempotencyKey(), body };

    setSending(true);
    try {
      const created = await api.requests.create(parsed.data, attempt.current.key);
      askSubscribeConsent('progress');
      attempt.current = null;
      void Taro.redirectTo({ url: `${PAGES.detail}?id=${encodeURIComponent(created.id)}` });
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setErrors(err.fieldMap() as Partial<Record<Field, string>>);
      setFormError(errorText(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="page submit-page">
      <ErrorMessage message={categories.error} />
      <View className="form-item">
        <Text className="label">诉求类别</Text>
        <Picker
          className="submit-category"
          mode="selector"
          range={list.map((c) => `${c.name}（${deadlineLabel(c)}）`)}
          value={selectedIndex}
          onChange={(e) => {
            const c = list[Number(e.detail.value)];
            if (c) {
              setCategoryId(c.id);
              clear('categoryId');
            }
          }}
        >
          <View className={`picker ${selected ? '' : 'picker-empty'}`}>
            {selected ? `${selected.name} · ${deadlineLabel(selected)}` : '请选择类别'}
          </View>
        </Picker>
        {selected ? <Text className="hint">{selected.description}</Text> : null}
        <FieldError message={errors.categoryId} />
      </View>

      <View className="form-item">
        <Text className="label">标题</Text>
        <Input
          className="input submit-title"
          value={title}
          maxlength={60}
          placeholder="一句话说明困难（4–60 字）"
          onInput={(e) => {
            setTitle(e.detail.value);
            clear('title');
          }}
        />
        <FieldError message={errors.title} />
      </View>

      <View className="form-item">
        <Text className="label">详细说明</Text>
        <Textarea
          className="textarea submit-description"
          value={description}
          maxlength={2000}
          placeholder="发生了什么、希望得到什么帮助（至少 10 字）"
          onInput={(e) => {
            setDescription(e.detail.value);
            clear('description');
          }}
        />
        <FieldError message={errors.description} />
      </View>

      <ErrorMessage message={formError} />

      <ActionButton className="submit-button" busy={sending} onClick={submit}>
        {sending ? '提交中…' : '提交'}
      </ActionButton>
    </View>
  );
}
