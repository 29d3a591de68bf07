import { Text, Textarea, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { ServiceRequest } from '@parklink/contract';
import { zh } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';
import { useSend, type RequestActionProps } from '../../../hooks/useSend';

type Check = (text: string) => { ok: true } | { ok: false; message: string };

/** A zod schema over one text field, as a check that gives the Chinese message. */
export function checkWith(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, key: string): Check {
  return (text) => {
    const parsed = schema.safeParse({ [key]: text.trim() || undefined });
    if (parsed.success) return { ok: true };
    return { ok: false, message: zh(parsed.error?.issues[0]?.message ?? '请检查输入') };
  };
}

/**
 * One text box and a send button: the shape of most actions on a request (note, ask for info,
 * supply it, resolve, reopen, withdraw). `name` gives the selectors: `.<name>-input` (or
 * `.<name>-reason` when the field is a reason), `.<name>-submit`.
 */
export function MessageForm({
  onDone,
  onStale,
  name,
  field = 'message',
  title,
  hint,
  placeholder,
  submitText,
  check,
  send,
  confirm,
  tone,
  children,
}: Omit<RequestActionProps, 'id'> & {
  name: string;
  /** The API's field name, for its validation messages. */
  field?: 'message' | 'reason';
  title: string;
  hint?: ReactNode;
  placeholder: string;
  submitText: string;
  check: Check;
  send: (text: string) => Promise<ServiceRequest>;
  /** Asks before sending (Taro.showModal); resolves false to stop. */
  confirm?: () => Promise<boolean>;
  /** `internal`: a grey box marked 仅内部可见. */
  tone?: 'internal';
  children?: ReactNode;
}) {
  const [text, setText] = useState('');
  const [checkError, setCheckError] = useState<string | undefined>();
  const { sending, error, fieldErrors, run } = useSend({ onDone, onStale });

  const submit = async () => {
    const checked = check(text);
    if (!checked.ok) {
      setCheckError(checked.message);
      return;
    }
    setCheckError(undefined);
    if (confirm && !(await confirm())) return;
    if (await run(() => send(text.trim()))) setText('');
  };

  return (
    <View className={`section action-form ${name}-form ${tone === 'internal' ? 'action-form-internal' : ''}`}>
      <View className="section-head">
        <Text className="section-title">{title}</Text>
        {tone === 'internal' ? <Text className="tag tag-internal">仅内部可见</Text> : null}
      </View>
      {hint ? <View className="hint">{hint}</View> : null}
      {children}
      <Textarea
        className={`textarea ${name}-${field === 'reason' ? 'reason' : 'input'}`}
        value={text}
        maxlength={field === 'reason' ? 500 : 2000}
        placeholder={placeholder}
        onInput={(e) => {
          setText(e.detail.value);
          setCheckError(undefined);
        }}
      />
      <FieldError message={checkError ?? fieldErrors[field]} />
      <ErrorMessage message={error} />
      <ActionButton className={`${name}-submit`} busy={sending} onClick={() => void submit()}>
        {submitText}
      </ActionButton>
    </View>
  );
}
