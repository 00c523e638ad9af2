import type { Auth } from '../api/auth';
import { describeError } from '../api/errors';
import { h, icon } from './dom';

/** Sign in / create account. `notice` explains why we are here (e.g. the session ended). */
export function renderAuthView(root: HTMLElement, auth: Auth, notice?: string): void {
  let mode: 'signin' | 'register' = 'signin';

  const errorBox = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'auth-error', hidden: true });
  const noticeBox = notice
    ? h('div', { class: 'form-notice', role: 'status', 'data-testid': 'auth-notice' }, icon('alert', 16), h('span', { text: notice }))
    : null;

  const loginInput = h('input', { name: 'login', autocomplete: 'username', required: true, placeholder: 'alice or alice@example.com' });
  const usernameInput = h('input', {
    name: 'username',
    autocomplete: 'username',
    required: true,
    minlength: 3,
    maxlength: 32,
    pattern: '[A-Za-z0-9_.\\-]{3,32}',
    title: "3 to 32 letters, digits, '_', '-' or '.'",
    placeholder: 'alice',
  });
  const emailInput = h('input', { name: 'email', type: 'email', autocomplete: 'email', required: true, placeholder: 'alice@example.com' });
  const passwordInput = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, placeholder: '••••••••' });
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit' });

  const field = (label: string, input: HTMLInputElement, hint?: string) =>
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), input, hint ? h('span', { class: 'field-hint', text: hint }) : null);

  const loginField = field('Username or email', loginInput);
  const usernameField = field('Username', usernameInput, "3–32 characters: letters, digits, '_', '-' or '.'");
  const emailField = field('Email', emailInput);
  const passwordField = field('Password', passwordInput);
  const passwordHint = h('span', { class: 'field-hint', text: 'At least 8 characters.' });
  passwordField.appendChild(passwordHint);

  const tabSignIn = h('button', { type: 'button', class: 'tab', role: 'tab', text: 'Sign in', onclick: () => setMode('signin') });
  const tabRegister = h('button', { type: 'button', class: 'tab', role: 'tab', text: 'Create account', onclick: () => setMode('register') });
  const title = h('h1', { class: 'auth-title' });
  const subtitle = h('p', { class: 'auth-subtitle' });

  const form = h(
    'form',
    { class: 'auth-form', novalidate: false, onsubmit: (e: Event) => void onSubmit(e) },
    loginField,
    usernameField,
    emailField,
    passwordField,
    errorBox,
    submit,
  );

  function setMode(next: 'signin' | 'register') {
    mode = next;
    const register = mode === 'register';
    tabSignIn.classList.toggle('active', !register);
    tabRegister.classList.toggle('active', register);
    tabSignIn.setAttribute('aria-selected', String(!register));
    tabRegister.setAttribute('aria-selected', String(register));
    loginField.hidden = register;
    loginInput.required = !register;
    usernameField.hidden = !register;
    usernameInput.required = register;
    emailField.hidden = !register;
    emailInput.required = register;
    passwordInput.minLength = register ? 8 : 0;
    passwordInput.autocomplete = register ? 'new-password' : 'current-password';
    passwordHint.hidden = !register;
    title.textContent = register ? 'Create your account' : 'Welcome back';
    subtitle.textContent = register ? 'Pick a username and start chatting in seconds.' : 'Sign in to pick up your conversations.';
    submit.textContent = register ? 'Create account' : 'Sign in';
    showError(null);
  }

  function showError(message: string | null) {
    errorBox.hidden = !message;
    errorBox.replaceChildren(...(message ? [icon('alert', 16), h('span', { text: message })] : []));
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    showError(null);
    submit.disabled = true;
    submit.classList.add('busy');
    try {
      if (mode === 'register') {
        await auth.register(usernameInput.value.trim(), emailInput.value.trim(), passwordInput.value);
      } else {
        await auth.login(loginInput.value.trim(), passwordInput.value);
      }
      // auth.onChange takes us to the app.
    } catch (err) {
      showError(describeError(err, mode === 'register' ? 'register' : 'login'));
      passwordInput.select();
    } finally {
      submit.disabled = false;
      submit.classList.remove('busy');
    }
  }

  setMode('signin');
  root.replaceChildren(
    h(
      'div',
      { class: 'auth-page' },
      h(
        'div',
        { class: 'auth-hero' },
        h('div', { class: 'brand brand-lg' }, h('span', { class: 'brand-mark' }, icon('chat', 22)), h('span', { text: 'ChatX' })),
        h('h2', { text: 'Real-time rooms, one GraphQL endpoint.' }),
        h(
          'ul',
          { class: 'hero-points' },
          h('li', null, icon('check', 16), 'Live messages and presence over WebSocket'),
          h('li', null, icon('check', 16), 'Nothing missed, nothing doubled after a reconnect'),
          h('li', null, icon('check', 16), 'Public and password-protected rooms'),
        ),
        h('a', { class: 'hero-link', href: '/graphiql', target: '_blank', rel: 'noopener' }, icon('code', 16), 'Explore the API in GraphiQL'),
      ),
      h(
        'div',
        { class: 'auth-card' },
        h('div', { class: 'tabs', role: 'tablist' }, tabSignIn, tabRegister),
        title,
        subtitle,
        noticeBox,
        form,
      ),
    ),
  );
  loginInput.focus();
}
