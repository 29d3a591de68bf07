import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { api } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { RequestCard } from '../../../components/RequestCard';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open, openDetail } from '../../../lib/nav';
import { isEnterprise } from '../../../lib/roles';

/** Enterprises: their own requests. Liaisons: the ones they claimed. */
export default function MinePage() {
  const me = useMe();
  const list = useLoader(() => api.requests.list('mine'));
  const enterprise = isEnterprise(me);

  useDidShow(() => {
    void Taro.setNavigationBarTitle({ title: enterprise ? '我的诉求' : '我认领的' });
  });

  return (
    <View className="page list-page">
      <View className="toolbar">
        <ActionButton className="refresh-button" small primary={false} busy={list.loading} onClick={list.reload}>
          刷新
        </ActionButton>
        {enterprise ? (
          <ActionButton small onClick={() => open(PAGES.submit)}>
            提交诉求
          </ActionButton>
        ) : null}
      </View>
      <ErrorMessage message={list.error} />
      {list.data && list.data.length === 0 ? (
        <EmptyState text={enterprise ? '还没有提交过诉求' : '还没有认领诉求'} />
      ) : null}
      {(list.data ?? []).map((item) => (
        <RequestCard key={item.id} item={item} className="request-item" onOpen={openDetail} />
      ))}
    </View>
  );
}
