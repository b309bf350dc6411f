/**
 * Every <style> element the console creates carries the page's CSP nonce. Ant Design's own styles
 * get it through ConfigProvider `csp`, but some of its parts write a <style> of their own without
 * asking for it: rc-table measures the scrollbar of every Table with one (@rc-component/util
 * getScrollBarSize), which the page's `style-src 'self' 'nonce-…'` blocks and reports as a console
 * error. Styles in markup (innerHTML) are still refused: only elements made by the bundle's code get it.
 */
export function giveStylesTheNonce(nonce: string | undefined): void {
  if (!nonce) return;
  const create = document.createElement.bind(document);
  document.createElement = (tagName: string, options?: ElementCreationOptions) => {
    const el = create(tagName, options);
    if (el instanceof HTMLStyleElement) el.nonce = nonce;
    return el;
  };
}
