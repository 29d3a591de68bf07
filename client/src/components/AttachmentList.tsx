import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Attachment } from '@parklink/contract';
import { api, errorText } from '../api';
import { isImage, sizeText } from '../lib/files';

/** Download URLs live 5 minutes: ask again after 4. */
const URL_TTL_MS = 4 * 60 * 1000;

interface Loaded {
  url: string;
  at: number;
}

async function freshUrl(requestId: string, a: Attachment, cache: Record<string, Loaded>): Promise<string> {
  const hit = cache[a.id];
  if (hit && Date.now() - hit.at < URL_TTL_MS) return hit.url;
  return (await api.attachments.url(requestId, a.id)).url;
}

/** Opens a PDF: a new tab in h5; downloaded and opened by WeChat's document viewer in the mini-program. */
async function openDocument(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener');
    return;
  }
  const res = await Taro.downloadFile({ url });
  if (res.statusCode !== 200) throw new Error('文件下载失败，请稍后再试');
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
}

/**
 * Files on a request or a reply: images as thumbnails (tap: full-screen preview), PDFs as a row
 * with name and size (tap: open). Each file is `.attachment-item` (`.attachment-image` / `.attachment-pdf`).
 */
export function AttachmentList({ requestId, items }: { requestId: string; items: Attachment[] }) {
  const [urls, setUrls] = useState<Record<string, Loaded>>({});
  const [error, setError] = useState<string | null>(null);
  const imageKey = items
    .filter((a) => isImage(a.contentType))
    .map((a) => a.id)
    .join(',');

  // Thumbnails need download URLs; fetch them for the images shown.
  useEffect(() => {
    let live = true;
    const images = items.filter((a) => isImage(a.contentType));
    void Promise.all(
      images.map(async (a) => {
        try {
          return [a.id, { url: (await api.attachments.url(requestId, a.id)).url, at: Date.now() }] as const;
        } catch {
          return null;
        }
      }),
    ).then((pairs) => {
      if (!live) return;
      const next: Record<string, Loaded> = {};
      for (const p of pairs) if (p) next[p[0]] = p[1];
      setUrls(next);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestId, imageKey]);

  if (items.length === 0) return null;

  const preview = async (a: Attachment) => {
    setError(null);
    try {
      const images = items.filter((x) => isImage(x.contentType));
      const list = await Promise.all(images.map((x) => freshUrl(requestId, x, urls)));
      await Taro.previewImage({ urls: list, current: list[images.indexOf(a)] });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const openPdf = async (a: Attachment) => {
    setError(null);
    try {
      await openDocument((await api.attachments.url(requestId, a.id)).url);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <View className="attachments">
      <View className="attachment-grid">
        {items.map((a) =>
          isImage(a.contentType) ? (
            <View key={a.id} className="attachment-item attachment-image" onClick={() => void preview(a)}>
              {urls[a.id] ? (
                <Image className="attachment-thumb" src={urls[a.id]?.url ?? ''} mode="aspectFill" lazyLoad />
              ) : (
                <View className="attachment-thumb attachment-thumb-empty" />
              )}
              <Text className="attachment-name">{a.fileName}</Text>
            </View>
          ) : (
            <View key={a.id} className="attachment-item attachment-pdf" onClick={() => void openPdf(a)}>
              <Text className="attachment-icon">PDF</Text>
              <View className="attachment-meta">
                <Text className="attachment-name">{a.fileName}</Text>
                <Text className="attachment-size">
                  {sizeText(a.size)} · {a.uploadedBy.name}
                </Text>
              </View>
            </View>
          ),
        )}
      </View>
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  );
}
