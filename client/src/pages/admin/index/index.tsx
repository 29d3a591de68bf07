import '../admin.css';
import { Text, View } from '@tarojs/components';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open } from '../../../lib/nav';
import { isAdmin } from '../../../lib/roles';

/** The desk's entries: what the alliance is set up with, then what it produces. */
const ENTRIES: { key: string; url: string; title: string; desc: string }[] = [
  { key: 'park', url: PAGES.adminPark, title: '园区信息', desc: '名称、片区与行业' },
  { key: 'departments', url: PAGES.adminDepartments, title: '部门', desc: '职能部门、银行、税务、律所' },
  { key: 'categories', url: PAGES.adminCategories, title: '诉求类别', desc: '承办部门与办理时限' },
  { key: 'members', url: PAGES.adminMembers, title: '成员', desc: '邀请、停用与恢复' },
  { key: 'enterprises', url: PAGES.adminEnterprises, title: '企业', desc: '登记与批量导入' },
  { key: 'audit', url: PAGES.adminAudit, title: '操作记录', desc: '谁在何时改了什么' },
  { key: 'dashboard', url: PAGES.dashboard, title: '数据看板', desc: '诉求办理与服务成效' },
  { key: 'ledger', url: PAGES.ledger, title: '台账导出', desc: '按月导出工作台账' },
];

/** 园区管理: one tile per set-up page (`.admin-entry-<key>`); for park admins only. */
export default function AdminDeskPage() {
  const me = useMe();
  if (!me) return <View className="page" />;
  if (!isAdmin(me)) {
    return (
      <View className="page admin-page">
        <Text className="hint">只有园区管理员可以使用园区管理</Text>
      </View>
    );
  }
  return (
    <View className="page admin-page admin-desk">
      <Text className="admin-desk-park">{me.parkName}</Text>
      <View className="entries admin-entries">
        {ENTRIES.map((e) => (
          <View key={e.key} className={`entry admin-entry admin-entry-${e.key}`} onClick={() => open(e.url)}>
            <Text className="entry-title">{e.title}</Text>
            <Text className="entry-desc">{e.desc}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
