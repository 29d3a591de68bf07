import { Text, View } from '@tarojs/components';
import { MAX_ATTACHMENTS, type Me, type ServiceRequest, type TimelineEvent, type TimelineEventType } from '@parklink/contract';
import { api } from '../../../api';
import { AttachmentList } from '../../../components/AttachmentList';
import { FilePicker } from '../../../components/FilePicker';
import { useAttach } from '../../../hooks/useAttach';

/** No more files once the request is closed for good (the API says the same). */
const CLOSED = ['withdrawn', 'rated'];
/** The liaison's own public events that may carry files (the API's list). */
const REPLY_EVENTS: TimelineEventType[] = ['replied', 'info_requested', 'started', 'resolved'];

/** The answered category fields (融资金额 100 万元…), `.request-field` each. */
export function RequestFields({ r }: { r: ServiceRequest }) {
  if (r.fields.length === 0) return null;
  return (
    <View className="request-fields">
      {r.fields.map((f) => (
        <View key={f.key} className={`request-field request-field-${f.key}`}>
          <Text className="request-field-label">{f.label}</Text>
          <Text className="request-field-value">{f.display}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * The request's own files (the enterprise's, up to 6) and, for the enterprise while the request is
 * open, the 添加附件 button.
 */
export function RequestAttachments({ r, me, onDone }: { r: ServiceRequest; me: Me | null; onDone: (r: ServiceRequest) => void }) {
  const attach = useAttach(onDone);
  const own = r.attachments.filter((a) => !a.eventId);
  const used = r.attachments.filter((a) => a.uploadedBy.role === 'enterprise').length;
  const owner = !!me && !!me.enterpriseId && me.enterpriseId === r.enterpriseId;
  const canAttach = owner && !CLOSED.includes(r.status) && used < MAX_ATTACHMENTS;
  if (own.length === 0 && !owner) return null;

  return (
    <View className="section attachments-section">
      <View className="section-head">
        <Text className="section-title">附件</Text>
        {owner ? (
          <Text className="hint attachments-count">
            {used}/{MAX_ATTACHMENTS}
          </Text>
        ) : null}
      </View>
      {own.length === 0 ? <Text className="hint">还没有附件</Text> : <AttachmentList scope={r.id} items={own} urlOf={(id) => api.attachments.url(r.id, id)} />}
      {canAttach ? (
        <FilePicker
          className="request-attach"
          busy={attach.busy}
          max={MAX_ATTACHMENTS - used}
          onPick={(files) => void attach.upload(r.id, files.slice(0, MAX_ATTACHMENTS - used))}
        />
      ) : null}
      {canAttach ? <Text className="hint">图片（JPG、PNG、WebP）或 PDF，每个不超过 10 MB，最多 {MAX_ATTACHMENTS} 个</Text> : null}
      {attach.error ? (
        <View className="error-message attach-error">
          <Text>{attach.error}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** Under one timeline event: its files, and for the liaison who wrote this reply, 添加附件. */
export function EventAttachments({
  r,
  me,
  event,
  onDone,
}: {
  r: ServiceRequest;
  me: Me | null;
  event: TimelineEvent;
  onDone: (r: ServiceRequest) => void;
}) {
  const attach = useAttach(onDone);
  const files = r.attachments.filter((a) => a.eventId === event.id);
  const mine =
    !!me &&
    event.actor.id === me.id &&
    event.visibility === 'public' &&
    REPLY_EVENTS.includes(event.type) &&
    r.assignee?.id === me.id &&
    !CLOSED.includes(r.status);
  const canAttach = mine && files.length < MAX_ATTACHMENTS;
  if (files.length === 0 && !canAttach) return null;

  return (
    <View className="event-attachments">
      <AttachmentList scope={r.id} items={files} urlOf={(id) => api.attachments.url(r.id, id)} />
      {canAttach ? (
        <FilePicker
          className="reply-attach"
          label="给这条答复添加附件"
          busy={attach.busy}
          max={MAX_ATTACHMENTS - files.length}
          onPick={(picked) => void attach.upload(r.id, picked.slice(0, MAX_ATTACHMENTS - files.length), event.id)}
        />
      ) : null}
      {attach.error ? (
        <View className="error-message attach-error">
          <Text>{attach.error}</Text>
        </View>
      ) : null}
    </View>
  );
}
