import { CreateUploadInput, type AttachmentUrl, type ServiceRequest, type UploadTicket } from '@parklink/contract';
import type { PickedFile } from '../lib/files';
import { ApiError, call, zh } from './http';
import { putUpload } from './upload';

/** The Chinese reason a file cannot be uploaded (type, size, name), or null when it may be. */
export function fileProblem(file: PickedFile): string | null {
  const parsed = CreateUploadInput.safeParse({ fileName: file.name, contentType: file.contentType, size: file.size });
  if (parsed.success) return null;
  return `${file.name}：${zh(parsed.error.issues[0]?.message ?? '文件不能上传').replace(/^文件(类型|大小|名)：/, '')}`;
}

export const attachments = {
  /**
   * Uploads one file to a request (enterprise) or to one of the caller's replies (`eventId`, liaison):
   * ticket → PUT the bytes → confirm. Resolves with the request as it is now.
   */
  async upload(requestId: string, file: PickedFile, eventId?: string): Promise<ServiceRequest> {
    const problem = fileProblem(file);
    if (problem) throw new ApiError(400, 'VALIDATION_FAILED', problem);
    const ticket = await call<UploadTicket>('createAttachmentUpload', {
      params: { id: requestId },
      body: { fileName: file.name, contentType: file.contentType, size: file.size, ...(eventId ? { eventId } : {}) },
    });
    await putUpload(ticket, file);
    return call<ServiceRequest>('confirmAttachment', { params: { id: requestId }, body: { attachmentId: ticket.attachmentId } });
  },
  /** A download URL valid for a few minutes. */
  url(requestId: string, attachmentId: string): Promise<AttachmentUrl> {
    return call<AttachmentUrl>('attachmentUrl', { params: { id: requestId, attachmentId } });
  },
};
