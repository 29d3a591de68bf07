import { describe, expect, it } from 'vitest';
import { pushContent } from './push';

describe('subscribe message content', () => {
  it('fills the progress template for enterprises, within WeChat limits, in China time', () => {
    const content = pushContent(
      { kind: 'answered', requestId: 'r1', title: '诉求有新答复', body: '区行政审批局 李审批答复了「新厂房环评审批进度咨询」', at: '2026-11-23T01:05:00.000Z' },
      ['enterprise'],
    );
    expect(content).toEqual({
      template: 'progress',
      page: 'pages/requests/detail/index?id=r1',
      data: { thing1: '诉求有新答复', phrase2: '已答复', thing3: '区行政审批局 李审批答复了「新厂房环评…', time4: '2026-11-23 09:05' },
    });
    expect([...content.data.thing3!].length).toBe(20);
  });

  it('uses the to-do template for liaisons and admins', () => {
    const content = pushContent({ kind: 'overdue', requestId: 'r2', title: '诉求响应时限已超时', body: '请尽快处理', at: '2026-11-23T16:30:00.000Z' }, ['dept_head']);
    expect(content.template).toBe('todo');
    expect(content.data).toMatchObject({ phrase2: '已超时', time4: '2026-11-24 00:30' });
  });
});
