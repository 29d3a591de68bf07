import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ServiceRequest } from '@parklink/contract';
import { ApiError, errorText } from '../api';

/** What the detail page gives every action form: how to show the new request, how to reload it. */
export interface RequestActionProps {
  id: string;
  onDone: (r: ServiceRequest) => void;
  /** The request moved on (409) or is gone: show why at the top and reload it. */
  onStale: (message: string) => void;
}

export interface Send {
  sending: boolean;
  /** Form-level message (Chinese, from the API). */
  error: string | null;
  /** Field name → message, from the API's validation answer. */
  fieldErrors: Record<string, string>;
  /** Sends once (ignores taps while sending); resolves true when it went through. */
  run: (send: () => Promise<ServiceRequest>, toast?: string) => Promise<boolean>;
  clear: () => void;
}

/**
 * Send an action, then show the updated request. A refused transition (409: someone else acted
 * first, or the state moved on) shows the API's message and reloads the request, so the page
 * offers only what is allowed now.
 */
export function useSend({ onDone, onStale }: Pick<RequestActionProps, 'onDone' | 'onStale'>): Send {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const busy = useRef(false);

  const run = useCallback(
    async (send: () => Promise<ServiceRequest>, toast = '已提交') => {
      if (busy.current) return false;
      busy.current = true;
      setSending(true);
      setError(null);
      setFieldErrors({});
      try {
        const updated = await send();
        onDone(updated);
        void Taro.showToast({ title: toast, icon: 'success' });
        return true;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 409 || err.status === 403 || err.status === 404)) {
          onStale(err.message);
        } else {
          setError(errorText(err));
          if (err instanceof ApiError) setFieldErrors(err.fieldMap());
        }
        return false;
      } finally {
        busy.current = false;
        setSending(false);
      }
    },
    [onDone, onStale],
  );

  const clear = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { sending, error, fieldErrors, run, clear };
}
