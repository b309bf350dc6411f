/** How errors and "not there yet" read to the user: the API's Chinese title, then its detail. */
import { ApiError } from '../api/http';
import { h } from '../dom';
import { currentLang, t } from '../labels';

export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const title = currentLang() === 'zh' ? (err.problem.title_zh ?? err.problem.title) : err.problem.title;
    return err.problem.detail && err.problem.detail !== err.problem.title ? `${title}：${err.problem.detail}` : title;
  }
  return err instanceof Error ? err.message : String(err);
}

export function describeError(err: unknown): HTMLElement {
  if (err instanceof ApiError && err.status === 404 && (err.problem.code === 'http_404' || /^no route /.test(err.problem.detail ?? ''))) {
    // The route itself is missing (not a 404 for an unknown record).
    return h('p', { class: 'muted' }, t('notAvailable'));
  }
  return h('p', {}, `${t('error')}：${errorText(err)}`);
}

/** Runs a loader and shows its error in place instead of failing the whole page. */
export async function section(title: string, load: () => Promise<HTMLElement>, level: 'h2' | 'h3' = 'h2'): Promise<HTMLElement> {
  const headingId = `s-${Math.random().toString(36).slice(2, 8)}`;
  let body: HTMLElement;
  try {
    body = await load();
  } catch (err) {
    body = h('div', { class: 'error', role: 'alert' }, describeError(err));
  }
  return h('section', { class: 'panel', 'aria-labelledby': headingId }, h(level, { id: headingId }, title), body);
}

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  // Always China Standard Time: officers and deadlines live in Asia/Shanghai.
  return new Date(iso).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
