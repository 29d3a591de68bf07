import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ReplyInput } from '@parklink/contract';
import { api, zh } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';
import { useSend, type RequestActionProps } from '../../../hooks/useSend';

/** The assigned liaison answers the request. */
export function ReplyForm({ id, ...props }: RequestActionProps) {
  const [message, setMessage] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { sending, error, fieldErrors, run } = useSend(props);

  const send = async () => {
    const parsed = ReplyInput.safeParse({ message });
    if (!parsed.success) {
      setFieldError(zh(parsed.error.issues[0]?.message ?? '请填写答复'));
      return;
    }
    setFieldError(undefined);
    if (await run(() => api.requests.reply(id, parsed.data))) setMessage('');
  };

  return (
    <View className="section action-form action-reply">
      <Text className="section-title">答复企业</Text>
      <Textarea
        className="textarea reply-input"
        value={message}
        maxlength={2000}
        placeholder="写下解决方案或办理进展"
        onInput={(e) => setMessage(e.detail.value)}
      />
      <FieldError message={fieldError ?? fieldErrors.message} />
      <ErrorMessage message={error} />
      <ActionButton className="reply-button" busy={sending} onClick={() => void send()}>
        提交答复
      </ActionButton>
    </View>
  );
}
