import { ResolveInput } from '@parklink/contract';
import { api } from '../../../api';
import type { RequestActionProps } from '../../../hooks/useSend';
import { MessageForm, checkWith } from './MessageForm';

/** The liaison closes the case (办结) with a summary the enterprise sees. */
export function ResolveForm({ id, ...props }: RequestActionProps) {
  return (
    <MessageForm
      {...props}
      name="resolve"
      title="办结"
      hint="办结后企业可评价，7 天内可重新打开"
      placeholder="办理结果"
      submitText="确认办结"
      check={checkWith(ResolveInput, 'message')}
      send={(message) => api.requests.resolve(id, { message })}
    />
  );
}
