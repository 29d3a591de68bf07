import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { Attachment, AttachmentUrl } from '@parklink/contract';
import { errorText } from '../api';
import { isImage, sizeText } from '../lib/files';

/** Download URLs live 5 minutes: ask again after 4. */
const URL_TTL_MS = 4 * 60 * 1000;

interface Loaded {
  url: string;
  at: number;
}

/** A download URL for one of the files (a request's or a case's route). */
export type UrlOf = (attachmentId: string) => Promise<AttachmentUrl>;

async function freshUrl(urlOf: UrlOf, a: Attachment, cache: Record<string, Loaded>): Promise<string> {
  const hit = cache[a.id];
  if (hit && Date.now() - hit.at < URL_TTL_MS) return hit.url;
  return (await urlOf(a.id)).url;
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
export function AttachmentList({
  scope,
  items,
  urlOf,
  canRemove,
  onRemove,
}: {
  /** What the files belong to (e.g. the request's or case's id): thumbnails reload when it changes. */
  scope: string;
  items: Attachment[];
  urlOf: UrlOf;
  /** Files the viewer may take off (a `.attachment-remove` link under each). */
  canRemove?: (a: Attachment) => boolean;
  onRemove?: (a: Attachment) => void;
}) {
  const [urls, setUrls] = useState<Record<string, Loaded>>({});
  // The latest urlOf without making every render refetch the thumbnails.
  const urlOfRef = useRef(urlOf);
  urlOfRef.current = urlOf;
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
          return [a.id, { url: (await urlOfRef.current(a.id)).url, at: Date.now() }] as const;
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
  }, [scope, imageKey]);

  if (items.length === 0) return null;

  const preview = async (a: Attachment) => {
    setError(null);
    try {
      const images = items.filter((x) => isImage(x.contentType));
      const list = await Promise.all(images.map((x) => freshUrl(urlOf, x, urls)));
      await Taro.previewImage({ urls: list, current: list[images.indexOf(a)] });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const openPdf = async (a: Attachment) => {
    setError(null);
    try {
      await openDocument((await urlOf(a.id)).url);
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
              <RemoveLink a={a} canRemove={canRemove} onRemove={onRemove} />
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
              <RemoveLink a={a} canRemove={canRemove} onRemove={onRemove} />
            </View>
          ),
        )}
      </View>
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  );
}

function RemoveLink({ a, canRemove, onRemove }: { a: Attachment; canRemove?: (a: Attachment) => boolean; onRemove?: (a: Attachment) => void }) {
  if (!onRemove || !canRemove?.(a)) return null;
  return (
    <Text
      className="attachment-remove"
      onClick={(e) => {
        // The row itself opens the file.
        e.stopPropagation();
        onRemove(a);
      }}
    >
      删除
    </Text>
  );
}
