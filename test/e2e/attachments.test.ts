/**
 * Category fields, attachments and list search in a real browser (h5 build in Debian's Chromium,
 * driven by playwright-core, against serverless-offline, DynamoDB Local and a local S3 server):
 * 张经理 submits a 融资信贷 request with its extra fields and a PNG, adds a PDF on the detail page;
 * 冯信贷 finds it in the pool by searching, claims it, replies and attaches a PDF to the reply;
 * 张经理 sees it. Files are made in the test; uploads go by presigned PUT straight to the bucket.
 * Screenshots go to .artifacts/e2e/attach-NN-*.png.
 */
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, browserFile, fillField, loginAs as loginWith } from './browser';
import type { E2eStack } from './stack';

const USERS = { zhang: 'u-ent-xinrui' } as const;
const TITLE = '购置贴片设备的流动资金贷款';
const OTHER = '厂房扩建项目贷款咨询';
const TYPE_ERROR = '只能上传 JPG、PNG、WebP 图片或 PDF';

let stack: E2eStack;
let page: Page;
const file = browserFile('attach', (started) => {
  ({ stack, page } = started);
});

/** The shared numbered shot, but after Taro's toast (e.g. 附件已上传) has faded: it would cover the files. */
async function snap(name: string) {
  await page.locator('.taro__toast > div:last-child').last().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  await file.snap(name);
}

const loginAs = (name: string) => loginWith(page, stack.webUrl, name);
const fill = (selector: string, text: string) => fillField(page, selector, text);

const status = () => page.locator('.request-status').first().textContent();
const expectStatus = (label: string) => expect.poll(status, { timeout: 15_000 }).toBe(label);

// --- files made here ---------------------------------------------------------------------------

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 48×48 PNG: red with a white diagonal, so the thumbnail is recognisable. */
function png(): Buffer {
  const size = 48;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // truecolour
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0); // no filter
    for (let x = 0; x < size; x++) rows.push(...(Math.abs(x - y) < 3 ? [255, 255, 255] : [183, 28, 28]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF that says what it is. */
function pdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 18 Tf 24 72 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const PNG = { name: '营业执照.png', mimeType: 'image/png', buffer: png() };
const PLAN = { name: '设备采购计划.pdf', mimeType: 'application/pdf', buffer: pdf('Equipment purchase plan') };
const TERMS = { name: '贷款方案.pdf', mimeType: 'application/pdf', buffer: pdf('Loan terms') };
const TEXT = { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image', 'utf8') };

/**
 * Taro's h5 picker: open it, tap the row (its mask lies over the rows, and the picker picks the row
 * under the tap by position, so tap by coordinates once the sheet has slid in), then 确定.
 */
async function choose(picker: string, row: string) {
  await page.locator(picker).click();
  const item = page.locator('.weui-picker__item:visible', { hasText: row });
  await item.waitFor();
  await page.waitForTimeout(500); // the sheet's slide-in animation
  const box = await item.boundingBox();
  if (!box) throw new Error(`picker row ${row} has no box`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.weui-picker__action:visible', { hasText: '确定' }).click();
}

/** Sets files on the hidden file input inside `scope` (the `.attach-input` of that form). */
async function attach(scope: string, ...files: { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.locator(`${scope} .attach-input input[type=file]`).first().setInputFiles(files);
}

describe('category fields, attachments and search in the browser', () => {
  it('张经理 submits a 融资信贷 request: its fields are required, a PNG goes with it, a .txt is refused', async () => {
    // Another request in the same pool, which the search must leave out (through the API: not under test).
    const zhang = await apiAs(stack.apiUrl, USERS.zhang);
    await zhang('POST', '/v1/requests', {
      categoryId: 'cat-finance',
      title: OTHER,
      description: '计划扩建二期厂房，想了解银行的项目贷款条件。',
      fields: { amount: 2000, purpose: 'plant' },
    });

    await loginAs('张经理');
    await page.locator('.entry-submit').click();
    await choose('.submit-category', '融资信贷');
    await expect.poll(() => page.locator('.submit-category').textContent()).toContain('融资信贷');

    // The category's questions, with required marks, unit and hint.
    await page.locator('.field-amount').waitFor();
    await expect.poll(() => page.locator('.field-amount').textContent()).toMatch(/融资金额 \*.*万元/);
    await expect.poll(() => page.locator('.field-purpose .field-option').allTextContents()).toEqual([
      '流动资金',
      '设备购置',
      '厂房建设',
      '研发投入',
      '其他',
    ]);
    await expect.poll(() => page.locator('.field-term').textContent()).toContain('选填');

    await fill('.submit-title', TITLE);
    await fill('.submit-description', '计划购置两台贴片机扩大产能，需要流动资金贷款，想了解额度与利率。');
    await page.locator('.submit-button').click();
    await expect.poll(() => page.locator('.field-amount .field-error').textContent()).toBe('请填写融资金额');
    await expect.poll(() => page.locator('.field-purpose .field-error').textContent()).toBe('请选择资金用途');
    expect(await page.locator('.field-term .field-error').count()).toBe(0);
    // Out of bounds (1–100000 万元).
    await fill('.field-amount', '200000');
    await page.locator('.submit-button').click();
    await expect.poll(() => page.locator('.field-amount .field-error').textContent()).toBe('融资金额应在 1–100000万元 之间');
    await snap('field-errors');

    await fill('.field-amount', '500');
    await page.locator('.field-purpose .field-option', { hasText: '流动资金' }).click();
    await fill('.field-term', '12');
    await expect.poll(() => page.locator('.field-amount .field-error').count()).toBe(0);
    await expect.poll(() => page.locator('.field-purpose .field-error').count()).toBe(0);

    // Files picked in the form: the .txt is refused at once, the PNG waits for the request.
    await attach('.submit-files', TEXT, PNG);
    await expect.poll(() => page.locator('.submit-files .attach-error').textContent()).toContain(`说明.txt：${TYPE_ERROR}`);
    await expect.poll(() => page.locator('.pending-file').allTextContents()).toEqual([expect.stringContaining(PNG.name)]);
    await snap('submit-filled');

    await page.locator('.submit-button').click();
    await expectStatus('待认领');
    await expect.poll(() => page.locator('.detail-title').textContent()).toBe(TITLE);
    await expect.poll(() => page.locator('.request-field').allTextContents()).toEqual([
      '融资金额500万元',
      '资金用途流动资金',
      '期限12个月',
    ]);
    const image = page.locator('.attachments-section .attachment-image', { hasText: PNG.name });
    await image.waitFor();
    // The thumbnail really came back from the bucket through its download URL.
    await expect
      .poll(() => image.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 })
      .toBe(48);
  });

  it('on the detail page 张经理 adds a PDF; a .txt shows the Chinese error; the PDF opens', async () => {
    await attach('.attachments-section', PLAN);
    await page.locator('.attachments-section .attachment-pdf', { hasText: PLAN.name }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.attachments-section .attachment-item').count()).toBe(2);
    await expect.poll(() => page.locator('.attachments-count').textContent()).toBe('2/6');

    await attach('.attachments-section', TEXT);
    await expect.poll(() => page.locator('.attachments-section .attach-error').textContent()).toBe(`说明.txt：${TYPE_ERROR}`);
    await expect.poll(() => page.locator('.attachments-section .attachment-item').count()).toBe(2);
    await snap('detail-fields-and-files');

    // Tapping the PDF opens its short-lived download URL in a new tab.
    const [tab] = await Promise.all([page.waitForEvent('popup'), page.locator('.attachment-pdf', { hasText: PLAN.name }).click()]);
    const res = await tab.waitForEvent('response', { predicate: (r) => r.url().includes('X-Amz-Signature') }).catch(() => null);
    expect(tab.url()).toContain('X-Amz-Signature');
    if (res) expect(res.status()).toBe(200);
    const body = await (await fetch(tab.url())).arrayBuffer();
    expect(Buffer.from(body).equals(PLAN.buffer)).toBe(true);
    await tab.close();
  });

  it('冯信贷 finds it in the pool by a word of its title, claims it, replies and attaches a PDF to the reply', async () => {
    await loginAs('冯信贷');
    await page.locator('.entry-pool').click();
    await expect.poll(() => page.locator('.scope-pool').getAttribute('class')).toContain('scope-tab-on');
    await page.locator('.pool-item', { hasText: OTHER }).waitFor();
    await page.locator('.pool-item', { hasText: TITLE }).waitFor();

    await fill('.search-input', '贴片');
    await expect.poll(() => page.locator('.pool-item').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining(TITLE)]);
    await snap('pool-search');
    // Nothing matches: the empty state says so.
    await fill('.search-input', '光伏组件');
    await expect.poll(() => page.locator('.empty-text').first().textContent(), { timeout: 15_000 }).toBe('没有找到包含“光伏组件”的诉求');
    await fill('.search-input', '贴片');
    await expect.poll(() => page.locator('.pool-item').count(), { timeout: 15_000 }).toBe(1);

    await page.locator('.pool-item', { hasText: TITLE }).locator('.claim-button').click();
    await expectStatus('已认领');
    // The liaison sees the fields and the enterprise's files, but cannot add to them.
    await expect.poll(() => page.locator('.request-field').count()).toBe(3);
    await expect.poll(() => page.locator('.attachments-section .attachment-item').count()).toBe(2);
    expect(await page.locator('.attachments-section .attach-input').count()).toBe(0);

    await fill('.reply-input', '已受理：可办理流动资金贷款 500 万元，期限 12 个月，方案见附件。');
    await page.locator('.reply-button').click();
    await expectStatus('已答复');
    const reply = page.locator('.timeline-replied');
    await attach('.timeline-replied', TERMS);
    await reply.locator('.attachment-pdf', { hasText: TERMS.name }).waitFor({ timeout: 15_000 });
    await reply.scrollIntoViewIfNeeded();
    await snap('liaison-reply-attachment');
  });

  it('张经理 sees the reply with its attachment', async () => {
    await loginAs('张经理');
    await page.locator('.entry-mine').click();
    await page.locator('.request-item', { hasText: OTHER }).first().waitFor();
    // The status filter leaves only the answered one; enterprises get no scope tabs.
    expect(await page.locator('.scope-tabs:visible').count()).toBe(0);
    await choose('.filter-status', '已答复');
    await expect.poll(() => page.locator('.request-item:visible').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining(TITLE)]);
    await snap('enterprise-status-filter');
    await page.locator('.request-item', { hasText: TITLE }).click();
    await page.locator('.detail-title', { hasText: TITLE }).waitFor();
    await expectStatus('已答复');
    await page.locator('.timeline-replied .attachment-pdf', { hasText: TERMS.name }).waitFor({ timeout: 15_000 });
    // Only the liaison who wrote the reply may add to it.
    expect(await page.locator('.timeline-replied .attach-input').count()).toBe(0);
    await expect.poll(() => page.locator('.attachments-section .attachment-item').count()).toBe(2);
    await page.locator('.timeline-replied').scrollIntoViewIfNeeded();
    await snap('enterprise-sees-reply-file');
  });
});
