import { NoteInput } from '@parklink/contract';
import { api } from '../../../api';
import type { RequestActionProps } from '../../../hooks/useSend';
import { MessageForm, checkWith } from './MessageForm';

/** An internal note for colleagues: the enterprise never sees it, and it stops no clock. */
export function NoteForm({ id, ...props }: RequestActionProps) {
  return (
    <MessageForm
      {...props}
      name="note"
      tone="internal"
      title="内部备注"
      hint="企业看不到备注，备注也不算答复"
      placeholder="写给同事或负责人的说明"
      submitText="保存备注"
      check={checkWith(NoteInput, 'message')}
      send={(message) => api.requests.note(id, { message })}
    />
  );
}
