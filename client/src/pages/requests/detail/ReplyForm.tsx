import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ReplyInput, type ServiceRequest } from '@parklink/contract';
import { ApiError, api, errorText, zh } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';

/** The assigned liaison answers the request. */
export function ReplyForm({ id, onDone }: { id: string; onDone: (r: ServiceRequest) => void }) {
  const [message, setMessage] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (sending) return;
    setError(null);
    const parsed = ReplyInput.safeParse({ message });
    if (!parsed.success) {
      setFieldError(zh(parsed.error.issues[0]?.message ?? '请填写答复'));
      return;
    }
    setFieldError(undefined);
    setSending(true);
    try {
      const updated = await api.requests.reply(id, parsed.data);
      setMessage('');
      onDone(updated);
    } catch (err) {
      if (err instanceof ApiError) setFieldError(err.fieldMap().message);
      setError(errorText(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="section action-form">
      <Text className="section-title">答复企业</Text>
      <Textarea
        className="textarea reply-input"
        value={message}
        maxlength={2000}
        placeholder="写下解决方案或办理进展"
        onInput={(e) => setMessage(e.detail.value)}
      />
      <FieldError message={fieldError} />
      <ErrorMessage message={error} />
      <ActionButton className="reply-button" busy={sending} onClick={send}>
        提交答复
      </ActionButton>
    </View>
  );
}
