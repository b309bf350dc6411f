/**
 * A table header cell's content that is inert where rc-table copies it into its hidden measure row
 * (a `scroll.x` table measures column widths with an aria-hidden copy of every title): the copy of
 * the select-all checkbox would otherwise be a focusable control inside aria-hidden (axe-core:
 * aria-hidden-focus).
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export function InertInMeasureRow({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [inert, setInert] = useState(false);
  useLayoutEffect(() => setInert(ref.current?.closest('.ant-table-measure-row') != null), []);
  return (
    <span ref={ref} inert={inert}>
      {children}
    </span>
  );
}
