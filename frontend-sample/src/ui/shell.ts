import type { Auth } from '../api/auth';
import { describeError } from '../api/errors';
import { LiveConnection, type LiveStatus } from '../api/live';
import type { Room } from '../api/operations';
import { RoomList } from '../chat/roomList';
import { RoomSession } from '../chat/roomSession';
import { ChatView } from './chatView';
import { openCreateRoomDialog } from './dialogs';
import { h, icon } from './dom';
import { avatar, formatRelative, plural, roomTile } from './format';
import { toast } from './toast';

/** The signed-in app: sidebar (rooms) and the open room. Returns a teardown function. */
export function renderShell(root: HTMLElement, auth: Auth): () => void {
  const connection = new LiveConnection(auth);
  const roomList = new RoomList(auth, connection);
  let session: RoomSession | null = null;
  let chatView: ChatView | null = null;

  // ---- Sidebar -------------------------------------------------------------------------
  const statusPill = h('span', { class: 'status-pill', 'data-testid': 'connection-status', role: 'status' });
  const searchInput = h('input', {
    class: 'search-input',
    type: 'search',
    placeholder: 'Search rooms',
    'aria-label': 'Search rooms',
  });
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  searchInput.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => roomList.setSearch(searchInput.value), 250);
  });
  const newRoomButton = h(
    'button',
    { class: 'btn btn-primary btn-sm', type: 'button', 'data-testid': 'new-room', onclick: () => openCreateRoomDialog(roomList, (room) => navigate(room.id)) },
    icon('plus', 16),
    'New room',
  );
  const listEl = h('ul', { class: 'room-list', 'data-testid': 'room-list' });
  const listFooter = h('div', { class: 'room-list-footer' });
  const user = auth.user!;

  const sidebar = h(
    'aside',
    { class: 'sidebar' },
    h(
      'div',
      { class: 'sidebar-header' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark' }, icon('chat', 18)), h('span', { text: 'ChatX' })),
      statusPill,
    ),
    h(
      'div',
      { class: 'sidebar-tools' },
      h('div', { class: 'search' }, icon('search', 16), searchInput),
      newRoomButton,
    ),
    h('div', { class: 'sidebar-section-title' }, h('span', { text: 'Rooms' })),
    h('div', { class: 'room-list-scroll' }, listEl, listFooter),
    h(
      'div',
      { class: 'sidebar-user' },
      avatar(user.username, 'md'),
      h('div', { class: 'sidebar-user-name' }, h('strong', { text: user.username, 'data-testid': 'current-user' }), h('span', { text: 'Signed in' })),
      h('a', { class: 'icon-btn', href: '/graphiql', target: '_blank', rel: 'noopener', title: 'Explore the API in GraphiQL', 'aria-label': 'GraphiQL' }, icon('code')),
      h('button', { class: 'icon-btn', type: 'button', title: 'Sign out', 'aria-label': 'Sign out', 'data-testid': 'sign-out', onclick: () => void auth.signOut() }, icon('logout')),
    ),
  );

  const main = h('main', { class: 'main' });
  const layout = h('div', { class: 'layout' }, sidebar, main);
  root.replaceChildren(layout);

  // ---- Connection status -----------------------------------------------------------------
  const STATUS_TEXT: Record<LiveStatus, string> = {
    connecting: 'Connecting…',
    online: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
  };
  function renderStatus(status: LiveStatus) {
    statusPill.className = `status-pill status-${status}`;
    statusPill.dataset.status = status;
    statusPill.replaceChildren(h('span', { class: 'dot' }), h('span', { text: STATUS_TEXT[status] }));
    statusPill.title =
      status === 'online'
        ? 'Connected: messages arrive live'
        : status === 'offline'
          ? 'You are offline. We reconnect as soon as the network is back.'
          : 'Connecting to ChatX…';
    chatView?.setConnection(status);
  }

  // ---- Room list --------------------------------------------------------------------------
  function currentRoomId(): string | null {
    const match = /^#\/rooms\/(.+)$/.exec(window.location.hash);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function navigate(roomId: string | null) {
    const hash = roomId ? `#/rooms/${encodeURIComponent(roomId)}` : '#/';
    if (window.location.hash !== hash) window.location.hash = hash;
    else route();
  }

  function roomItem(room: Room, active: boolean): HTMLLIElement {
    const meta = [plural(room.memberCount, 'member')];
    if (room.createdBy) meta.push(`by ${room.createdBy.username}`);
    return h(
      'li',
      null,
      h(
        'a',
        {
          class: `room-item${active ? ' active' : ''}`,
          href: `#/rooms/${encodeURIComponent(room.id)}`,
          'data-testid': 'room-item',
          'data-room-name': room.name,
          title: `Created ${formatRelative(room.createdAt)}`,
        },
        roomTile(room.name, room.private),
        h(
          'span',
          { class: 'room-item-body' },
          h('span', { class: 'room-item-name' }, h('span', { class: 'ellipsis', text: room.name }), room.private ? icon('lock', 13) : null),
          h('span', { class: 'room-item-meta', text: meta.join(' · ') }),
        ),
        room.joined ? h('span', { class: 'badge badge-joined', text: 'Joined' }) : null,
      ),
    );
  }

  function renderList() {
    const state = roomList.value;
    const active = currentRoomId();
    if (state.rooms.length === 0 && !state.loading) {
      const searching = state.search.trim();
      listEl.replaceChildren(
        h(
          'li',
          { class: 'list-empty' },
          state.error
            ? h('span', { text: describeError(state.error) })
            : searching
              ? h('span', { text: `No rooms match “${searching}”.` })
              : h('span', null, 'No rooms yet. ', h('button', { class: 'link', type: 'button', text: 'Create the first one', onclick: () => newRoomButton.click() }), '.'),
        ),
      );
    } else {
      listEl.replaceChildren(...state.rooms.map((room) => roomItem(room, room.id === active)));
    }
    const footer = state.loading
        ? h('div', { class: 'list-loading' }, h('span', { class: 'spinner' }), 'Loading rooms…')
        : state.hasMore
          ? h('button', { class: 'btn btn-ghost btn-sm btn-block', type: 'button', text: 'Load more rooms', 'data-testid': 'load-more-rooms', onclick: () => void roomList.loadMore() })
          : null;
    listFooter.replaceChildren(...(footer ? [footer] : []));
  }

  // ---- Main area: routing between the welcome screen and a room ----------------------------
  function renderWelcome() {
    main.replaceChildren(
      h(
        'div',
        { class: 'welcome' },
        h('div', { class: 'welcome-art' }, icon('chat', 40)),
        h('h2', { text: `Hi ${user.username}!` }),
        h('p', { text: 'Pick a room on the left to start chatting, or create a new one. Private rooms ask for their password the first time.' }),
        h('button', { class: 'btn btn-primary', type: 'button', onclick: () => newRoomButton.click() }, icon('plus', 16), 'Create a room'),
      ),
    );
  }

  function route() {
    const roomId = currentRoomId();
    if (session?.roomId === roomId && roomId) return;
    chatView?.destroy();
    session?.close();
    chatView = null;
    session = null;
    layout.classList.toggle('room-open', !!roomId);
    if (!roomId) {
      renderWelcome();
    } else {
      session = new RoomSession(roomId, auth, connection, roomList);
      chatView = new ChatView(session, {
        back: () => navigate(null),
        deleted: (name) => {
          toast(`“${name}” was deleted by its owner.`, 'warning');
          navigate(null);
        },
        left: (name) => {
          toast(`You left “${name}”.`);
          navigate(null);
        },
        removed: (name) => {
          toast(`“${name}” is deleted.`);
          navigate(null);
        },
      });
      chatView.setConnection(connection.status);
      main.replaceChildren(chatView.element);
      void session.open();
    }
    renderList();
  }

  const unsubscribers = [
    connection.onStatus(renderStatus),
    roomList.changed.on(renderList),
    roomList.deleted.on((roomId) => {
      if (session?.roomId === roomId) session.markDeleted();
    }),
  ];
  window.addEventListener('hashchange', route);

  renderStatus(connection.status);
  connection.start();
  roomList.start();
  route();

  return () => {
    window.removeEventListener('hashchange', route);
    unsubscribers.forEach((off) => off());
    chatView?.destroy();
    session?.close();
    roomList.stop();
    connection.stop();
  };
}
