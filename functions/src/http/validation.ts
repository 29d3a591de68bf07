import type * as z from 'zod/mini';
// The one locale we need, by its own path: `z.locales.zhCN` would pull every locale zod ships
// (~260 KB of the bundle) into each Lambda.
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { FieldError } from '@parklink/contract';
import { DomainError } from '../domain/errors';

const zhErrors = zhCN().localeError;
const SEPARATOR = ' / ';

/**
 * Parses input with a contract schema; on failure throws a 400 naming every bad field in Chinese
 * and English. Schema messages written as "中文 / English" are split; zod's own messages come from
 * its zh-CN and English locales (zod/mini loads none: English is set in contract/src/zod.ts).
 */
export function parseInput<T extends z.ZodMiniType>(schema: T, data: unknown, where: 'body' | 'query' | 'path'): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const inChinese = schema.safeParse(data, { error: zhErrors });
  const zhIssues = inChinese.success ? [] : inChinese.error.issues;
  const fields: FieldError[] = result.error.issues.map((issue, i) => {
    const field = issue.path.length ? issue.path.join('.') : where;
    if (issue.message.includes(SEPARATOR)) {
      // The contract wrote this message for people already, field name included.
      const [zh, en] = issue.message.split(SEPARATOR);
      return { field, message: zh!, messageEn: en! };
    }
    const zh = zhIssues[i]?.message ?? issue.message;
    return { field, message: `${fieldLabel(field)}：${zh}`, messageEn: `${field}: ${issue.message}` };
  });
  const first = fields[0]!;
  throw new DomainError('VALIDATION_FAILED', first.message, first.messageEn, first.field, fields);
}

/** Chinese names of the fields people type, so a message reads "标题：…" rather than "title：…". */
const labels: Record<string, string> = {
  categoryId: '诉求类别',
  title: '标题',
  description: '问题描述',
  message: '答复内容',
  satisfied: '是否满意',
  score: '评分',
  comment: '评价',
  userId: '用户',
  code: '登录凭证',
  inviteCode: '邀请码',
  scope: '范围',
  id: '编号',
  body: '请求内容',
  fileName: '文件名',
  contentType: '文件类型',
  size: '文件大小',
  attachmentId: '附件',
  eventId: '所属答复',
};

const fieldLabel = (field: string) => labels[field] ?? field;
