import { RequestInfoInput } from '@parklink/contract';
import { api } from '../../../api';
import type { RequestActionProps } from '../../../hooks/useSend';
import { MessageForm, checkWith } from './MessageForm';

/** Ask the enterprise for more: the request waits (待补充) and the resolve clock pauses. */
export function InfoRequestForm({ id, ...props }: RequestActionProps) {
  return (
    <MessageForm
      {...props}
      name="info"
      title="请企业补充材料"
      hint="企业补充前，办结时限暂停计时"
      placeholder="需要企业补充哪些材料或信息"
      submitText="发送给企业"
      check={checkWith(RequestInfoInput, 'message')}
      send={(message) => api.requests.requestInfo(id, { message })}
    />
  );
}
