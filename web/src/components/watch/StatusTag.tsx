/**
 * The watch pages' tags, white on a dark colour: Ant Design's preset tag colours (orange text on
 * light orange, say) fall short of WCAG AA contrast, which the browser tests check with axe-core.
 */
import { Tag } from 'antd';
import type { ReactNode } from 'react';

const COLORS = {
  critical: '#a8071a',
  warning: '#ad4e00',
  info: '#0958d9',
  ok: '#237804',
  pending: '#874d00',
  fresh: '#ad2102',
  neutral: '#595959',
} as const;

export type StatusTone = keyof typeof COLORS;

export function StatusTag(props: { tone: StatusTone; children: ReactNode; 'data-testid'?: string }) {
  return (
    <Tag variant="solid" color={COLORS[props.tone]} data-testid={props['data-testid']}>
      {props.children}
    </Tag>
  );
}
