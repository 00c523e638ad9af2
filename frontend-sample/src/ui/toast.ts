import { h, icon } from './dom';

let region: HTMLElement | null = null;

/** A short message in the corner that goes away by itself. */
export function toast(message: string, kind: 'info' | 'warning' | 'error' = 'info', ms = 5000): void {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(region);
  }
  const el = h(
    'div',
    { class: `toast toast-${kind}`, 'data-testid': 'toast' },
    icon(kind === 'info' ? 'check' : 'alert', 16),
    h('span', { text: message }),
  );
  region.appendChild(el);
  setTimeout(() => {
    el.classList.add('leaving');
    setTimeout(() => el.remove(), 300);
  }, ms);
}
