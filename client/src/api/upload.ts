import Taro from '@tarojs/taro';
import type { UploadTicket } from '@parklink/contract';
import type { PickedFile } from '../lib/files';
import { ApiError } from './http';

/*
 * Apart from attachments.ts, whose file check is a schema: the stations API (a station's photos)
 * needs this too, and the riders' stations list must not bring zod along with it.
 */

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
