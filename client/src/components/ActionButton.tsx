import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';

/**
 * A button that shows a spinner and ignores taps while `busy`.
 * `disabled` is left off when false: Taro's h5 button greys out on any `disabled` attribute.
 */
export function ActionButton({
  className = '',
  busy = false,
  small = false,
  primary = true,
  onClick,
  children,
}: {
  className?: string;
  busy?: boolean;
  small?: boolean;
  primary?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  const classes = ['btn', primary ? 'btn-primary' : 'btn-plain', small ? 'btn-small' : '', busy ? 'btn-busy' : '', className];
  return (
    <Button
      className={classes.filter(Boolean).join(' ')}
      size={small ? 'mini' : 'default'}
      loading={busy}
      disabled={busy || undefined}
      onClick={(e) => {
        e.stopPropagation();
        if (!busy) onClick();
      }}
    >
      {children}
    </Button>
  );
}
