import Taro from '@tarojs/taro';
import { MAX_ATTACHMENTS, type AttachmentContentType } from '@parklink/contract';

/**
 * A file the user picked, on either platform: its name, declared type and size, and a way to read
 * its bytes (h5: the browser's File; weapp: a temporary path read through the file system manager).
 */
export interface PickedFile {
  name: string;
  /** From the browser (h5) or the extension (weapp); may be one the API refuses (checked before upload). */
  contentType: string;
  size: number;
  /** Something an <Image> can show right away (blob: URL in h5, temp path in weapp), for images. */
  previewPath?: string;
  read(): Promise<ArrayBuffer>;
}

export const ACCEPTED_TYPES: AttachmentContentType[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
/** For the h5 file input's `accept`: types and extensions. */
export const ACCEPT_ATTRIBUTE = `${ACCEPTED_TYPES.join(',')},.jpg,.jpeg,.png,.webp,.pdf`;

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

/** The type named by a file's extension ('' when unknown). */
export function typeFromName(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? '';
}

export const isImage = (contentType: string) => contentType.startsWith('image/');

/** '12 KB', '1.4 MB'. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** h5: files from an <input type="file">. */
export function fromBrowserFiles(list: FileList | null): PickedFile[] {
  if (!list) return [];
  return Array.from(list).map((file) => {
    const contentType = file.type || typeFromName(file.name);
    return {
      name: file.name,
      contentType,
      size: file.size,
      previewPath: isImage(contentType) ? URL.createObjectURL(file) : undefined,
      read: () => file.arrayBuffer(),
    };
  });
}

function readTemp(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: (err) => reject(new Error(err.errMsg || '读取文件失败')),
    });
  });
}

function fromTemp(path: string, size: number, name?: string): PickedFile {
  const fileName = name || path.split('/').pop() || 'file';
  const contentType = typeFromName(fileName);
  return { name: fileName, contentType, size, previewPath: isImage(contentType) ? path : undefined, read: () => readTemp(path) };
}

/** weapp: photos only (album or camera); nothing when the user cancels. */
export async function pickImagesInMiniProgram(count: number): Promise<PickedFile[]> {
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFiles.map((f) => fromTemp(f.path, f.size));
  } catch {
    return []; // cancelled
  }
}

/**
 * weapp: photos (album or camera) or a file from a chat (PDFs live there on a phone). Resolves
 * with nothing when the user cancels.
 */
export async function pickInMiniProgram(count = MAX_ATTACHMENTS): Promise<PickedFile[]> {
  try {
    const sheet = await Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从聊天记录选择（图片或 PDF）'] });
    if (sheet.tapIndex === 0) {
      const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      return res.tempFiles.map((f) => fromTemp(f.path, f.size));
    }
    const res = await Taro.chooseMessageFile({ count, type: 'all', extension: ['pdf', 'jpg', 'jpeg', 'png', 'webp'] });
    return res.tempFiles.map((f) => fromTemp(f.path, f.size, f.name));
  } catch {
    return []; // cancelled
  }
}
