import { Picker, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { Match, MatchOutcomeInput } from '@parklink/contract';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';
import { TapButton } from '../../../components/TapButton';
import { chinaDate, wanToFen } from '../money';
import { TextInput } from '../post/Field';

/** Sends one step; resolves true when it went through (the page shows errors and reloads on 409). */
export type Step = (send: () => Promise<Match>, toast: string) => Promise<{ ok: boolean; fields?: Record<string, string>; error?: string }>;

/**
 * A message and its buttons: accept / decline (`.accept-submit`, `.decline-submit`), withdraw
 * (`.withdraw-submit`) or note (`.note-submit`, message required). Textarea: `.<name>-message`.
 */
export function MessageStep({
  name,
  title,
  placeholder,
  required,
  buttons,
  step,
}: {
  name: string;
  title: string;
  placeholder: string;
  required?: boolean;
  buttons: { className: string; label: string; primary?: boolean; toast: string; send: (message?: string) => Promise<Match> }[];
  step: Step;
}) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);

  const go = async (b: (typeof buttons)[number]) => {
    if (busy) return;
    const text = message.trim();
    if (required && !text) {
      setError('请填写内容');
      return;
    }
    setBusy(b.className);
    setError(undefined);
    setFormError(undefined);
    const res = await step(() => b.send(text || undefined), b.toast);
    setBusy(null);
    if (res.ok) setMessage('');
    else {
      setError(res.fields?.message);
      setFormError(res.error);
    }
  };

  return (
    <View className={`section action-form ${name}-form`}>
      <Text className="section-title">{title}</Text>
      <Textarea className={`textarea ${name}-message`} value={message} maxlength={500} placeholder={placeholder} onInput={(e) => setMessage(e.detail.value)} />
      <FieldError message={error} />
      <ErrorMessage message={formError} />
      <View className="market-actions">
        {buttons.map((b) => (
          <TapButton key={b.className} className={b.className} small primary={b.primary !== false} busy={busy === b.className} onClick={() => void go(b)}>
            {b.label}
          </TapButton>
        ))}
      </View>
    </View>
  );
}

/**
 * 记录结果: 对接成功 (amount in 万元, date, note: `.outcome-amount`, `.outcome-date`, `.outcome-note`,
 * `.succeed-submit`) or 未成功 (date, note: `.fail-submit`).
 */
export function OutcomeStep({ kind, step, send }: { kind: 'succeed' | 'fail'; step: Step; send: (input: MatchOutcomeInput) => Promise<Match> }) {
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(chinaDate());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const fen = kind === 'succeed' ? wanToFen(amount) : ({ ok: true, value: undefined } as const);
    if (!fen.ok) {
      setErrors({ amountFen: fen.message });
      return;
    }
    setErrors({});
    setFormError(undefined);
    setBusy(true);
    const input: MatchOutcomeInput = { date, ...(fen.value !== undefined ? { amountFen: fen.value } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
    const res = await step(() => send(input), kind === 'succeed' ? '已记录对接成功' : '已记录');
    setBusy(false);
    if (!res.ok) {
      setErrors(res.fields ?? {});
      setFormError(res.error);
    }
  };

  return (
    <View className={`section action-form outcome-form ${kind}-form`}>
      <Text className="section-title">{kind === 'succeed' ? '记录对接成功' : '记录未成功'}</Text>
      {kind === 'succeed' ? (
        <View className="form-item outcome-amount">
          <Text className="label">金额（融资、订单等）</Text>
          <TextInput digit value={amount} onInput={setAmount} unit="万元" placeholder="可不填" />
          <FieldError message={errors.amountFen} />
        </View>
      ) : null}
      <View className="form-item outcome-date">
        <Text className="label">日期</Text>
        <Picker mode="date" value={date} end={chinaDate()} onChange={(e) => setDate(String(e.detail.value))}>
          <View className="picker outcome-date-picker">{date}</View>
        </Picker>
        <FieldError message={errors.date} />
      </View>
      <View className="form-item outcome-note">
        <Text className="label">说明</Text>
        <Textarea className="textarea" value={note} maxlength={500} placeholder={kind === 'succeed' ? '如：已放款，用于购置设备' : '如：条件不符，暂不合作'} onInput={(e) => setNote(e.detail.value)} />
        <FieldError message={errors.note} />
      </View>
      <ErrorMessage message={formError} />
      <TapButton className={`${kind}-submit`} busy={busy} onClick={() => void submit()}>
        {kind === 'succeed' ? '确认对接成功' : '确认未成功'}
      </TapButton>
    </View>
  );
}
