import { describeError } from '../api/errors';
import type { Room } from '../api/operations';
import type { RoomList } from '../chat/roomList';
import { h, icon } from './dom';

/**
 * A modal dialog. Tab and Shift+Tab stay inside it, Escape closes it, and on closing the
 * focus goes back to where it was when it opened.
 */
export function modal(title: string, body: HTMLElement, onClose?: () => void): { close: () => void; root: HTMLElement } {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    document.removeEventListener('keydown', onKey);
    backdrop.remove();
    if (opener?.isConnected) opener.focus();
    onClose?.();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
    else if (e.key === 'Tab') trapTab(e, dialog);
  };
  const dialog = h(
    'div',
    { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
    h(
      'div',
      { class: 'dialog-header' },
      h('h2', { text: title }),
      h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Close', onclick: close }, icon('x')),
    ),
    body,
  );
  const backdrop = h('div', {
    class: 'backdrop',
    onmousedown: (e: Event) => {
      if (e.target === backdrop) close();
    },
  }, dialog);
  document.addEventListener('keydown', onKey);
  document.body.appendChild(backdrop);
  return { close, root: dialog };
}

function trapTab(e: KeyboardEvent, dialog: HTMLElement): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null,
  );
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const inside = dialog.contains(document.activeElement);
  if (e.shiftKey && (document.activeElement === first || !inside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
    e.preventDefault();
    first.focus();
  }
}

export function openCreateRoomDialog(roomList: RoomList, created: (room: Room) => void): void {
  const nameInput = h('input', { name: 'name', required: true, maxlength: 64, placeholder: 'e.g. design-review', autocomplete: 'off' });
  const privateInput = h('input', { type: 'checkbox', name: 'private' });
  const passwordInput = h('input', { name: 'room-password', type: 'password', minlength: 4, maxlength: 128, placeholder: 'At least 4 characters', autocomplete: 'new-password' });
  const maxInput = h('input', { name: 'maxMembers', type: 'number', min: 1, placeholder: 'No limit' });
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'create-room-error' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', text: 'Create room' });
  const passwordField = h(
    'label',
    { class: 'field', hidden: true },
    h('span', { class: 'field-label', text: 'Room password' }),
    passwordInput,
    h('span', { class: 'field-hint', text: 'People need it to join. Share it with them yourself.' }),
  );
  privateInput.addEventListener('change', () => {
    passwordField.hidden = !privateInput.checked;
    passwordInput.required = privateInput.checked;
    if (privateInput.checked) passwordInput.focus();
  });

  const form = h(
    'form',
    { class: 'dialog-body' },
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'Name' }), nameInput),
    h(
      'label',
      { class: 'toggle' },
      privateInput,
      h('span', { class: 'toggle-track' }, h('span', { class: 'toggle-thumb' })),
      h('span', { class: 'toggle-text' }, h('strong', null, icon('lock', 14), ' Private room'), h('span', { text: 'Only people with the password can join and read it.' })),
    ),
    passwordField,
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'Member limit (optional)' }), maxInput),
    error,
    h('div', { class: 'dialog-actions' }, h('button', { class: 'btn btn-ghost', type: 'button', text: 'Cancel', onclick: () => dialog.close() }), submit),
  );

  const dialog = modal('Create a room', form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      const maxMembers = maxInput.value ? Number(maxInput.value) : undefined;
      const room = await roomList.create({
        name: nameInput.value.trim(),
        private: privateInput.checked,
        password: privateInput.checked ? passwordInput.value : undefined,
        maxMembers,
      });
      dialog.close();
      created(room);
    } catch (err) {
      error.hidden = false;
      error.replaceChildren(icon('alert', 16), h('span', { text: describeError(err, 'createRoom') }));
    } finally {
      submit.disabled = false;
    }
  });
  nameInput.focus();
}

export function confirmDialog(title: string, text: string, confirmLabel: string, danger = false): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const answer = (value: boolean) => {
      if (answered) return;
      answered = true;
      dialog.close();
      resolve(value);
    };
    const cancel = h('button', { class: 'btn btn-ghost', type: 'button', text: 'Cancel', 'data-testid': 'cancel', onclick: () => answer(false) });
    const confirm = h('button', { class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, type: 'button', text: confirmLabel, 'data-testid': 'confirm', onclick: () => answer(true) });
    const body = h('div', { class: 'dialog-body' }, h('p', { class: 'dialog-text', text }), h('div', { class: 'dialog-actions' }, cancel, confirm));
    const dialog = modal(title, body, () => answer(false));
    // A destructive action starts on Cancel (Tab then Enter confirms); others on the action.
    (danger ? cancel : confirm).focus();
  });
}
