import Taro from '@tarojs/taro';
import { WithdrawInput } from '@parklink/contract';
import { api } from '../../../api';
import type { RequestActionProps } from '../../../hooks/useSend';
import { MessageForm, checkWith } from './MessageForm';

async function confirmWithdraw(): Promise<boolean> {
  const res = await Taro.showModal({
    title: '撤回诉求',
    content: '撤回后联络员不再办理，确定撤回？',
    confirmText: '撤回',
    cancelText: '取消',
  });
  return res.confirm;
}

/** The enterprise withdraws its request (before resolution); the reason is optional. */
export function WithdrawForm({ id, ...props }: RequestActionProps) {
  return (
    <MessageForm
      {...props}
      name="withdraw"
      field="reason"
      title="撤回诉求"
      placeholder="撤回原因（选填）"
      submitText="撤回"
      check={checkWith(WithdrawInput, 'reason')}
      confirm={confirmWithdraw}
      send={(reason) => api.requests.withdraw(id, reason ? { reason } : {})}
    />
  );
}
