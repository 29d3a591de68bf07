import Taro from '@tarojs/taro';
import { CreateUploadInput, type AttachmentUrl, type ServiceRequest, type UploadTicket } from '@parklink/contract';
import type { PickedFile } from '../lib/files';
import { ApiError, call, zh } from './http';

/** The Chinese reason a file cannot be uploaded (type, size, name), or null when it may be. */
export function fileProblem(file: PickedFile): string | null {
  const parsed = CreateUploadInput.safeParse({ fileName: file.name, contentType: file.contentType, size: file.size });
  if (parsed.success) return null;
  return `${file.name}：${zh(parsed.error.issues[0]?.message ?? '文件不能上传').replace(/^文件(类型|大小|名)：/, '')}`;
}

/** Sends the bytes to the presigned URL with exactly the signed headers (the platform adds the length). */
export async function putUpload(ticket: UploadTicket, file: PickedFile): Promise<void> {
  const body = await file.read();
  let status = 0;
  if (process.env.TARO_ENV === 'h5') {
    try {
      const res = await fetch(ticket.uploadUrl, { method: ticket.method, headers: ticket.headers, body });
      status = res.status;
    } catch {
      status = 0;
    }
  } else {
    // wx.request with an ArrayBuffer body (uploadFile would send a multipart POST, which S3 refuses).
    try {
      const res = await Taro.request({ url: ticket.uploadUrl, method: ticket.method, header: ticket.headers, data: body, responseType: 'text' });
      status = res.statusCode;
    } catch {
      status = 0;
    }
  }
  if (status < 200 || status >= 300) {
    throw new ApiError(status, 'NETWORK', `${file.name}：上传失败，请检查网络后重试`);
  }
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
