/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * A tiny element builder. Text always goes in as text nodes (never innerHTML), so data from the
 * API can never become markup.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' && 'checked' in el) (el as HTMLInputElement).checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A labelled form field: the label is bound to the control, hints and errors are described-by. */
let fieldSeq = 0;
export function field(label: string, control: HTMLElement, hint?: string): { wrap: HTMLElement; error: HTMLElement } {
  const id = control.id || `f${++fieldSeq}`;
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-err`, 'aria-live': 'polite' });
  const described = [hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, error);
  return { wrap, error };
}

export function showFieldError(control: HTMLElement, error: HTMLElement, message: string | undefined): void {
  error.textContent = message ?? '';
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

/**
 * Submits a form through an async handler. Every such handler catches around its request and shows the
 * failure in the form itself, so the browser's event loop is not handed a promise it cannot use.
 */
export function onSubmit(form: HTMLFormElement, handler: (e: SubmitEvent) => Promise<void>): void {
  form.addEventListener('submit', (e) => void handler(e));
}
