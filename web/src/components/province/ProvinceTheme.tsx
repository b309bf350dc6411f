/**
 * The provincial pages' colours, readable at WCAG AA (4.5:1, what axe-core checks in the browser
 * tests): Ant Design's description grey (45 % black: Descriptions labels, waiting Steps, hints),
 * its placeholder grey and its link blue fall short on white, and its light tags (green text on
 * pale green) do too, so status tags here are white on a dark colour.
 */
import { App, ConfigProvider, Tag } from 'antd';
import { useEffect, useRef, type ComponentType, type ReactNode, type RefObject } from 'react';

/**
 * A wide table scrolls inside itself (the page must fit 768 px): its scrolling box must then be
 * reachable by keyboard (axe-core: scrollable-region-focusable). rc-table renders that box itself,
 * so it is given a tab stop here, whenever one appears.
 */
function useKeyboardScrollableTables(root: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const mark = () => {
      for (const box of Array.from(el.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body'))) {
        if (!box.hasAttribute('tabindex')) box.tabIndex = 0;
      }
    };
    mark();
    const watch = new MutationObserver(mark);
    watch.observe(el, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [root]);
}

export function ProvinceTheme({ children }: { children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  useKeyboardScrollableTables(root);
  return (
    <ConfigProvider
      theme={{
        token: {
          colorTextDescription: 'rgba(0, 0, 0, 0.6)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          colorLink: '#0958d9',
        },
      }}
    >
      {/* Its own App: the confirmations and messages the pages open (App.useApp) take these colours too. */}
      <App component={false}>
        <div ref={root}>{children}</div>
      </App>
    </ConfigProvider>
  );
}

/** A provincial page inside its theme (the default export of each page file). */
export function provincePage(Page: ComponentType): ComponentType {
  const Themed = () => (
    <ProvinceTheme>
      <Page />
    </ProvinceTheme>
  );
  Themed.displayName = `ProvincePage(${Page.displayName ?? Page.name})`;
  return Themed;
}

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
