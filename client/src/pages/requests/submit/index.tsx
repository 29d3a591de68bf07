import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { CreateRequestInput, MAX_ATTACHMENTS } from '@parklink/contract';
import { ApiError, api, errorText, newIdempotencyKey, zh } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';
import { FilePicker } from '../../../components/FilePicker';
import { useAttach } from '../../../hooks/useAttach';
import { sizeText, type PickedFile } from '../../../lib/files';
import { CategoryFields, checkFields, type RawValues } from './CategoryFields';
import { fileProblem } from '../../../api/attachments';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES } from '../../../lib/nav';
import { askSubscribeConsent } from '../../../lib/subscribe';
import { deadlineLabel } from '../../../lib/time';

/** The base fields, and `fields.<key>` for the category's extra fields (as the API names them). */
type Field = 'categoryId' | 'title' | 'description' | `fields.${string}` | 'fields';

export default function SubmitPage() {
  useMe();
  const preset = useRouter().params.categoryId;
  const categories = useLoader(() => api.categories());
  const list = categories.data ?? [];

  const [categoryId, setCategoryId] = useState<string | undefined>(preset);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [extra, setExtra] = useState<RawValues>({});
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const attach = useAttach();
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
    const checked = checkFields(selected?.fields ?? [], extra);
    const parsed = CreateRequestInput.safeParse({ categoryId: categoryId ?? '', title, description, fields: checked.values });
    if (!parsed.success || Object.keys(checked.errors).length > 0) {
      const next: Partial<Record<Field, string>> = { ...checked.errors };
      for (const issue of parsed.success ? [] : parsed.error.issues) {
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
      // Files picked in the form go up now that the request exists; the detail page can retry.
      if (files.length > 0) {
        const done = await attach.upload(created.id, files);
        const all = done && done.attachments.length === files.length;
        if (!all) void Taro.showToast({ title: '有附件未上传，可在详情页重试', icon: 'none', duration: 3000 });
      }
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

      <CategoryFields
        fields={selected?.fields ?? []}
        values={extra}
        errors={errors}
        onChange={(key, value) => {
          setExtra((prev) => ({ ...prev, [key]: value }));
          clear(`fields.${key}`);
        }}
      />
      <FieldError message={errors.fields} />

      <View className="form-item submit-files">
        <Text className="label">
          附件<Text className="optional-mark">（选填，图片或 PDF，最多 {MAX_ATTACHMENTS} 个，每个不超过 10 MB）</Text>
        </Text>
        {files.map((f, i) => (
          <View key={`${f.name}-${i}`} className="pending-file">
            <Text className="pending-file-name">{f.name}</Text>
            <Text className="pending-file-size">{sizeText(f.size)}</Text>
            <Text className="pending-file-remove" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
              移除
            </Text>
          </View>
        ))}
        {files.length < MAX_ATTACHMENTS ? (
          <FilePicker
            className="submit-attach"
            max={MAX_ATTACHMENTS - files.length}
            onPick={(picked) => {
              const problems = picked.map(fileProblem).filter((p): p is string => !!p);
              const ok = picked.filter((f) => !fileProblem(f));
              setFileError(problems.length ? problems.join('\n') : null);
              setFiles([...files, ...ok].slice(0, MAX_ATTACHMENTS));
            }}
          />
        ) : null}
        {fileError ? <Text className="field-error attach-error">{fileError}</Text> : null}
      </View>

      <ErrorMessage message={formError} />

      <ActionButton className="submit-button" busy={sending || attach.busy} onClick={submit}>
        {attach.busy ? '上传附件中…' : sending ? '提交中…' : '提交'}
      </ActionButton>
    </View>
  );
}
