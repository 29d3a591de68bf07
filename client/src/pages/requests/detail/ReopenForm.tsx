import { ReopenInput } from '@parklink/contract';
import { api } from '../../../api';
import type { RequestActionProps } from '../../../hooks/useSend';
import { formatTime } from '../../../lib/time';
import { MessageForm, checkWith } from './MessageForm';

/** The enterprise reopens a resolved request (within 7 days) with a reason. */
export function ReopenForm({ id, until, ...props }: RequestActionProps & { until?: string }) {
  return (
    <MessageForm
      {...props}
      name="reopen"
      field="reason"
      title="重新打开"
      hint={until ? `${formatTime(until)} 前可重新打开` : undefined}
      placeholder="问题还有哪里没解决"
      submitText="重新打开"
      check={checkWith(ReopenInput, 'reason')}
      send={(reason) => api.requests.reopen(id, { reason })}
    />
  );
}
