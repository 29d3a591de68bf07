/**
 * Getting a ready ledger onto the admin's device. h5: the browser opens the link (a new tab keeps
 * this page). weapp: WeChat downloads it; an .xlsx opens in its document viewer (whose menu can
 * forward or save it), the CSV zip cannot be previewed, so it is sent to a chat instead.
 */
import Taro from '@tarojs/taro';
import type { LedgerExport } from '@parklink/contract';
import { api } from '../../api';

/** A link needs this much life left to be used as it is (an export's link lives an hour). */
const MARGIN_MS = 60_000;

/** The export with a usable link: the one it has, else a fresh one (every read answers a new link). */
async function withLink(exp: LedgerExport): Promise<LedgerExport & { url: string }> {
  const fresh = (e: LedgerExport) => !!e.url && !!e.urlExpiresAt && Date.parse(e.urlExpiresAt) - Date.now() > MARGIN_MS;
  const ready = fresh(exp) ? exp : await api.ledger.get(exp.id);
  if (!ready.url) throw new Error('下载链接暂不可用，请稍后再试');
  return { ...ready, url: ready.url };
}

/** h5: opens the file's link; if the browser blocks the new tab, goes there in this one. */
export async function openInBrowser(exp: LedgerExport): Promise<void> {
  const { url } = await withLink(exp);
  const tab = window.open(url, '_blank');
  if (tab) tab.opener = null;
  else window.location.assign(url);
}

/** weapp: downloads the file; resolves with its temporary path. */
export async function downloadInMiniProgram(exp: LedgerExport): Promise<string> {
  const { url } = await withLink(exp);
  const res = await Taro.downloadFile({ url });
  if (res.statusCode !== 200) throw new Error('文件下载失败，请稍后再试');
  return res.tempFilePath;
}

/** weapp: shows a downloaded .xlsx in WeChat's viewer (its menu can forward or save it). */
export async function openWorkbook(filePath: string): Promise<void> {
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}

/**
 * weapp: sends a downloaded file to a chat (e.g. 文件传输助手, to open it on a computer). WeChat
 * allows this only straight from a tap, so it is a second button, not the end of the download.
 */
export async function sendToChat(filePath: string, fileName?: string): Promise<void> {
  await Taro.shareFileMessage({ filePath, ...(fileName ? { fileName } : {}) });
}
