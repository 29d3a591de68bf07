import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { RatingInput } from '@parklink/contract';
import { api, zh } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FieldError } from '../../../components/FieldError';
import { useSend, type RequestActionProps } from '../../../hooks/useSend';

const STARS = [1, 2, 3, 4, 5];

/** The enterprise rates the answer: satisfied closes the request, unsatisfied reopens it. */
export function RatingForm({ id, ...props }: RequestActionProps) {
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { sending, error, fieldErrors, run } = useSend(props);

  const send = async () => {
    if (satisfied === null) {
      setErrors({ satisfied: '请选择满意或不满意' });
      return;
    }
    const parsed = RatingInput.safeParse({ satisfied, score, comment: comment.trim() || undefined });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (!next[field]) next[field] = zh(issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    await run(() => api.requests.rate(id, parsed.data), '已评价');
  };

  return (
    <View className="section action-form action-rate">
      <Text className="section-title">评价答复</Text>
      <View className="choice-row">
        <View
          className={`choice rate-satisfied ${satisfied === true ? 'choice-on' : ''}`}
          onClick={() => setSatisfied(true)}
        >
          满意
        </View>
        <View
          className={`choice rate-unsatisfied ${satisfied === false ? 'choice-on' : ''}`}
          onClick={() => setSatisfied(false)}
        >
          不满意
        </View>
      </View>
      <FieldError message={errors.satisfied ?? fieldErrors.satisfied} />
      {satisfied === false ? <Text className="hint">不满意将退回原联络员重新办理</Text> : null}
      <View className="star-row">
        {STARS.map((n) => (
          <Text key={n} className={`rate-star ${n <= score ? 'rate-star-on' : ''}`} onClick={() => setScore(n)}>
            ★
          </Text>
        ))}
        <Text className="hint">{score ? `${score} 分` : '请打分'}</Text>
      </View>
      <FieldError message={errors.score ?? fieldErrors.score} />
      <Textarea
        className="textarea rate-comment"
        value={comment}
        maxlength={500}
        placeholder="说说你的看法（选填）"
        onInput={(e) => setComment(e.detail.value)}
      />
      <FieldError message={errors.comment ?? fieldErrors.comment} />
      <ErrorMessage message={error} />
      <ActionButton className="rate-button" busy={sending} onClick={() => void send()}>
        提交评价
      </ActionButton>
    </View>
  );
}
