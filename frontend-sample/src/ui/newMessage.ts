import type { Auth } from '../api/auth';
import { describeError } from '../api/errors';
import { USERS, type Connection, type Room, type User } from '../api/operations';
import type { Conversations } from '../chat/conversations';
import { modal } from './dialogs';
import { h, icon } from './dom';
import { avatar } from './format';

const SEARCH_DELAY_MS = 250;
const RESULTS = 20;

/**
 * "New message": find a person by username (searched as you type) and open the direct
 * chat with them. The field is a combobox: Up/Down move through the people found, Enter
 * opens the chat with the one highlighted, Escape closes.
 */
export function openNewMessageDialog(auth: Auth, conversations: Conversations, opened: (room: Room) => void): void {
  const input = h('input', {
    type: 'search',
    name: 'people-search',
    placeholder: 'Search people by username',
    autocomplete: 'off',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'people-results',
    'aria-label': 'Search people by username',
    'data-testid': 'people-search',
    maxlength: 32,
  });
  const list = h('ul', { class: 'people-list', id: 'people-results', role: 'listbox', 'aria-label': 'People', 'data-testid': 'people-results' });
  const status = h('p', { class: 'people-status', role: 'status', 'data-testid': 'people-status', text: 'Type part of a username.' });
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'new-message-error' });
  const body = h('div', { class: 'dialog-body' }, h('div', { class: 'search people-search' }, icon('search', 16), input), status, list, error);
  const dialog = modal('New message', body);

  const me = auth.user?.id;
  let people: User[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let requestId = 0;
  let opening = false;

  function render(): void {
    input.setAttribute('aria-expanded', String(people.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `person-${people[active].id}`);
    else input.removeAttribute('aria-activedescendant');
    list.replaceChildren(
      ...people.map((user, i) =>
        h(
          'li',
          {
            id: `person-${user.id}`,
            class: `person${i === active ? ' active' : ''}`,
            role: 'option',
            'aria-selected': String(i === active),
            'data-testid': 'person',
            'data-username': user.username,
            // Keep the focus in the field (the list is driven from it).
            onmousedown: (e: Event) => e.preventDefault(),
            onclick: () => void pick(user),
          },
          avatar(user.username, 'sm'),
          h('span', { class: 'ellipsis', text: user.username }),
        ),
      ),
    );
    list.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  }

  async function search(text: string): Promise<void> {
    const id = ++requestId;
    if (!text) {
      people = [];
      active = -1;
      status.textContent = 'Type part of a username.';
      render();
      return;
    }
    status.textContent = 'Searching…';
    try {
      const data = await auth.request<{ users: Connection<User> }>(USERS, { search: text, first: RESULTS });
      if (id !== requestId) return;
      // Not oneself: there is no direct chat with oneself.
      people = data.users.edges.map((e) => e.node).filter((u) => u.id !== me);
      active = people.length ? 0 : -1;
      status.textContent = people.length
        ? `${people.length}${data.users.pageInfo.hasNextPage ? '+' : ''} found${data.users.pageInfo.hasNextPage ? ': type more to narrow it down' : ''}. Enter opens the chat.`
        : `No one matches “${text}”.`;
      render();
    } catch (err) {
      if (id !== requestId) return;
      people = [];
      active = -1;
      status.textContent = describeError(err);
      render();
    }
  }

  async function pick(user: User): Promise<void> {
    if (opening) return;
    opening = true;
    error.hidden = true;
    input.disabled = true;
    try {
      const room = await conversations.openDirect(user.id);
      dialog.close();
      opened(room);
    } catch (err) {
      error.hidden = false;
      error.replaceChildren(icon('alert', 16), h('span', { text: describeError(err) }));
      input.disabled = false;
      input.focus();
    } finally {
      opening = false;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(input.value.trim()), SEARCH_DELAY_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!people.length) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + people.length) % people.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (active >= 0) void pick(people[active]);
    }
  });
  input.focus();
}
