import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { MAX_CASE_ATTACHMENTS, type Attachment, type CoBuildingCase, type Me } from '@parklink/contract';
import { api, errorText } from '../../api';
import { AttachmentList } from '../../components/AttachmentList';
import { FilePicker } from '../../components/FilePicker';
import { useUploads } from '../../hooks/useAttach';

/**
 * The case's evidence (`.case-attachments`): the files, 添加附件 for the department's members and the
 * named enterprises until it is archived (the API's `canAttach`), and 删除 on a draft for the
 * uploader or the department.
 */
export function CaseAttachments({ c, me, onChange, onError }: { c: CoBuildingCase; me: Me | null; onChange: (c: CoBuildingCase) => void; onError: (message: string) => void }) {
  const uploads = useUploads<CoBuildingCase>(onChange);
  const room = MAX_CASE_ATTACHMENTS - c.attachments.length;
  if (c.attachments.length === 0 && !c.canAttach) return null;

  const mayRemove = (a: Attachment) => c.status === 'draft' && !!me && (a.uploadedBy.id === me.id || (!!me.departmentId && me.departmentId === c.department.id));
  const remove = async (a: Attachment) => {
    const { confirm } = await Taro.showModal({ title: '删除附件', content: `删除“${a.fileName}”？`, confirmText: '删除' });
    if (!confirm) return;
    try {
      onChange(await api.cases.removeAttachment(c.id, a.id));
    } catch (err) {
      onError(errorText(err));
    }
  };

  return (
    <View className="section case-attachments">
      <View className="section-head">
        <Text className="section-title">附件</Text>
        <Text className="hint attachments-count">
          {c.attachments.length}/{MAX_CASE_ATTACHMENTS}
        </Text>
      </View>
      {c.attachments.length === 0 ? <Text className="hint">还没有附件，可上传合同、放款或退税凭证</Text> : null}
      <AttachmentList scope={c.id} items={c.attachments} urlOf={(id) => api.cases.attachmentUrl(c.id, id)} canRemove={mayRemove} onRemove={(a) => void remove(a)} />
      {c.canAttach && room > 0 ? (
        <FilePicker className="case-attach" busy={uploads.busy} max={room} onPick={(files) => void uploads.upload(files.slice(0, room), (file) => api.cases.uploadAttachment(c.id, file))} />
      ) : null}
      {c.canAttach ? <Text className="hint">图片（JPG、PNG、WebP）或 PDF，每个不超过 10 MB</Text> : null}
      {uploads.error ? (
        <View className="error-message attach-error">
          <Text>{uploads.error}</Text>
        </View>
      ) : null}
    </View>
  );
}
