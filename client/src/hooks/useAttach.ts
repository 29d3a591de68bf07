import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ServiceRequest } from '@parklink/contract';
import { api, errorText } from '../api';
import { fileProblem } from '../api/attachments';
import type { PickedFile } from '../lib/files';

export interface Uploads<T> {
  busy: boolean;
  /** Chinese, one line per file that did not make it. */
  error: string | null;
  /** Uploads the files one by one with `send`; resolves with what the last one that went through gave. */
  upload: (files: PickedFile[], send: (file: PickedFile) => Promise<T>) => Promise<T | null>;
}

export interface Attach extends Omit<Uploads<ServiceRequest>, 'upload'> {
  upload: (requestId: string, files: PickedFile[], eventId?: string) => Promise<ServiceRequest | null>;
}

/** Upload picked files to a request (or a reply). */
export function useAttach(onUploaded?: (r: ServiceRequest) => void): Attach {
  const uploads = useUploads(onUploaded);
  const { upload } = uploads;
  const toRequest = useCallback(
    (requestId: string, files: PickedFile[], eventId?: string) => upload(files, (file) => api.attachments.upload(requestId, file, eventId)),
    [upload],
  );
  return { ...uploads, upload: toRequest };
}

/** Upload picked files one by one (to a request, a case…), skipping the ones the API would refuse. */
export function useUploads<T>(onUploaded?: (t: T) => void): Uploads<T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const upload = useCallback(
    async (files: PickedFile[], send: (file: PickedFile) => Promise<T>) => {
      if (running.current) return null;
      running.current = true;
      setBusy(true);
      setError(null);
      const problems: string[] = [];
      let latest: T | null = null;
      try {
        for (const file of files) {
          const problem = fileProblem(file);
          if (problem) {
            problems.push(problem);
            continue;
          }
          try {
            latest = await send(file);
            onUploaded?.(latest);
          } catch (err) {
            problems.push(errorText(err));
          }
        }
      } finally {
        running.current = false;
        setBusy(false);
      }
      if (problems.length) setError(problems.join('\n'));
      if (latest) void Taro.showToast({ title: '附件已上传', icon: 'success' });
      return latest;
    },
    [onUploaded],
  );

  return { busy, error, upload };
}
