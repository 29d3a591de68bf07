import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ServiceRequest } from '@parklink/contract';
import { api, errorText } from '../api';
import { fileProblem } from '../api/attachments';
import type { PickedFile } from '../lib/files';

export interface Attach {
  busy: boolean;
  /** Chinese, one line per file that did not make it. */
  error: string | null;
  /** Uploads the files one by one; resolves with the request after the last one that went through. */
  upload: (requestId: string, files: PickedFile[], eventId?: string) => Promise<ServiceRequest | null>;
}

/** Upload picked files to a request (or a reply), skipping the ones the API would refuse. */
export function useAttach(onUploaded?: (r: ServiceRequest) => void): Attach {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const upload = useCallback(
    async (requestId: string, files: PickedFile[], eventId?: string) => {
      if (running.current) return null;
      running.current = true;
      setBusy(true);
      setError(null);
      const problems: string[] = [];
      let latest: ServiceRequest | null = null;
      try {
        for (const file of files) {
          const problem = fileProblem(file);
          if (problem) {
            problems.push(problem);
            continue;
          }
          try {
            latest = await api.attachments.upload(requestId, file, eventId);
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
