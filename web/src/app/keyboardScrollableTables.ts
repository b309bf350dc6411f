import { useEffect, type RefObject } from 'react';

/**
 * A wide table scrolls inside itself (the page must fit 768 px): its scrolling box must then be
 * reachable by keyboard (axe-core: scrollable-region-focusable). rc-table renders that box itself,
 * so it is given a tab stop here, whenever one appears.
 */
export function useKeyboardScrollableTables(root: RefObject<HTMLDivElement | null>): void {
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
