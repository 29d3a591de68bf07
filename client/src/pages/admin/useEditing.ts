import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CONFLICT_TEXT } from './useSave';

/**
 * A list page that edits one card at a time in place (`editing`: a record's id, 'new', or null):
 * a save closes the form, says so and reloads; a version conflict closes it, says why and reloads.
 */
export function useEditing(reload: () => unknown) {
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return {
    editing,
    notice,
    edit(id: string | null) {
      setNotice(null);
      setEditing(id);
    },
    cancel: () => setEditing(null),
    saved() {
      setEditing(null);
      setNotice(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void reload();
    },
    conflict() {
      setEditing(null);
      setNotice(CONFLICT_TEXT);
      void reload();
    },
  };
}
