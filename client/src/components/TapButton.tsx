import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/**
 * A button drawn with View + Text (same look as ActionButton's `.btn`), for buttons whose label
 * changes or that sit in lists that re-order. Taro h5's `<Button>` is a Stencil web component that
 * keeps nodes of its own among its children: React replacing the label, or inserting list items
 * around it while it renders, can fail with `insertBefore … not a child of this node`.
 */
export function TapButton({
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
  const classes = ['btn', 'tap-button', primary ? 'btn-primary' : 'btn-plain', small ? 'btn-small' : '', busy ? 'btn-busy' : '', className];
  return (
    <View
      className={classes.filter(Boolean).join(' ')}
      hoverClass="tap-button-hover"
      onClick={(e) => {
        e.stopPropagation();
        if (!busy) onClick();
      }}
    >
      <Text className="tap-button-label">{busy ? '请稍候…' : children}</Text>
    </View>
  );
}
