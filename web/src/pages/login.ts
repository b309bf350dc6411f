/** Log-in: user name and password; the API's lock-out and errors are shown as it words them. */
import { z } from 'zod';
import { answer, publicApi } from '../api/http';
import { field, h, showFieldError } from '../dom';
import { currentLang, setLang, t } from '../labels';
import { saveSession, type Session } from '../session';
import { errorText } from '../components/feedback';

const LoginForm = z.object({ username: z.string().trim().min(1), password: z.string().min(1) });

export function renderLogin(opts: { onSignedIn(s: Session): void }): HTMLElement {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const u = field(t('username'), user);
  const p = field(t('password'), pass);
  const message = h('p', { class: 'form-error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('loginButton'));

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    message.textContent = '';
    const parsed = LoginForm.safeParse({ username: user.value, password: pass.value });
    showFieldError(user, u.error, parsed.success || user.value.trim() ? undefined : `${t('username')}?`);
    showFieldError(pass, p.error, parsed.success || pass.value ? undefined : `${t('password')}?`);
    if (!parsed.success) return;
    button.disabled = true;
    try {
      opts.onSignedIn(saveSession(await answer(publicApi.POST('/auth/login', { body: parsed.data }))));
    } catch (err) {
      message.textContent = `${t('loginFailed')}：${errorText(err)}`;
      pass.value = '';
      pass.focus();
    } finally {
      button.disabled = false;
    }
  }

  return h(
    'main',
    { class: 'login', id: 'main' },
    h(
      'form',
      { class: 'panel login-panel', onsubmit: (e: Event) => void submit(e), 'aria-labelledby': 'login-title', novalidate: true },
      h('h1', { id: 'login-title' }, t('appTitle')),
      h('h2', {}, t('loginTitle')),
      u.wrap,
      p.wrap,
      message,
      button,
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            setLang(currentLang() === 'zh' ? 'en' : 'zh');
            location.reload();
          },
        },
        t('language'),
      ),
    ),
  );
}
