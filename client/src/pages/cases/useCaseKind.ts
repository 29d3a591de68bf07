import { useEffect, useState } from 'react';
import type { CaseKind, Me } from '@parklink/contract';
import { api } from '../../api';
import { isHandler } from '../../lib/roles';

/**
 * The kind of case the user's department records (a bank: bank, the tax bureau: tax), or null
 * (other departments, enterprises, the admin). Undefined while it is being looked up.
 */
export function useCaseKind(me: Me | null): CaseKind | null | undefined {
  const [kind, setKind] = useState<CaseKind | null | undefined>(undefined);
  const departmentId = me?.departmentId;
  const handler = isHandler(me);
  const present = !!me;
  useEffect(() => {
    if (!present) return;
    if (!handler || !departmentId) {
      setKind(null);
      return;
    }
    let live = true;
    api
      .departments()
      .then((list) => {
        const k = list.find((d) => d.id === departmentId)?.kind;
        if (live) setKind(k === 'bank' || k === 'tax' ? k : null);
      })
      .catch(() => live && setKind(null));
    return () => {
      live = false;
    };
  }, [present, handler, departmentId]);
  return kind;
}
