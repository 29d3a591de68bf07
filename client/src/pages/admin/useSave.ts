import { useCallback, useRef, useState } from 'react';
import { ApiError, errorText } from '../../api';

/** What a version conflict (409 on `version`) says: the page has reloaded what it shows. */
export const CONFLICT_TEXT = '已被他人修改，已重新载入最新内容，请确认后再改';

/**
 * One save at a time: `busy` while it runs, the message and the server's per-field messages when
 * it fails. A stale version (409 on `version`) calls `onConflict` so the page reloads instead of
 * leaving the admin to overwrite someone's change.
 */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const running = useRef(false);

  const run = useCallback(async <T>(send: () => Promise<T>, onConflict?: () => void): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      return await send();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.fields.some((f) => f.field === 'version') && onConflict) {
        setError(CONFLICT_TEXT);
        onConflict();
      } else {
        setError(errorText(err));
        if (err instanceof ApiError) setFields(err.fieldMap());
      }
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setFields({});
  }, []);

  /** The server's message for a field, or for one item of it (`zones.2`). */
  const field = (key: string): string | undefined => fields[key] ?? Object.entries(fields).find(([k]) => k.startsWith(`${key}.`))?.[1];
  /** The form-level line: a pointer to the fields when the message sits next to one of `shown`, else the message. */
  const message = (shown: string[]): string | null => {
    if (!error) return null;
    return shown.some((key) => field(key)) ? '请按标红的提示修改后再保存' : error;
  };

  return { busy, error, fields, field, message, run, clear };
}
