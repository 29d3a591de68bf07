import { ProvideInfoInput } from '@parklink/contract';
import { api } from '../../../api';
import type { RequestActionProps } from '../../../hooks/useSend';
import { MessageForm, checkWith } from './MessageForm';

/** The enterprise answers a request for more information; the request goes back to the liaison. */
export function ProvideInfoForm({ id, asked, ...props }: RequestActionProps & { asked?: string }) {
  return (
    <MessageForm
      {...props}
      name="provide"
      title="补充材料"
      hint={asked ? `联络员需要：${asked}` : '联络员请你补充材料'}
      placeholder="补充说明或材料情况"
      submitText="提交补充"
      check={checkWith(ProvideInfoInput, 'message')}
      send={(message) => api.requests.provideInfo(id, { message })}
    />
  );
}
