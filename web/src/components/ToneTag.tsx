/** A status as a tag, readable at WCAG AA: white on a dark colour (Ant Design's light tags fall short of 4.5:1). */
import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** Dark enough for white text (at least 4.5:1). */
const TONES = { good: '#237804', bad: '#a8071a', busy: '#0958d9', warn: '#ad4e00' } as const;
export type Tone = keyof typeof TONES | 'plain';

/** A status as a tag: white on a dark colour, or the plain grey tag. */
export function ToneTag({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <Tag color={tone === 'plain' ? undefined : TONES[tone]} data-testid={testId}>
      {children}
    </Tag>
  );
}
