import type { Auth } from '../api/auth';
import { describeError } from '../api/errors';
import { LiveConnection, type LiveStatus } from '../api/live';
import type { Room } from '../api/operations';
import { Conversations } from '../chat/conversations';
import { RoomList } from '../chat/roomList';
import { RoomSession } from '../chat/roomSession';
import { ChatView } from './chatView';
import { openCreateRoomDialog } from './dialogs';
import { h, icon } from './dom';
import { avatar, formatRelative, formatTime, plural, roomTile } from './format';
import { openNewMessageDialog } from './newMessage';
import { toast } from './toast';

type SidebarTab = 'chats' | 'rooms';

/**
 * The signed-in app: the sidebar and the open room. The sidebar has two tabs: "Chats",
 * the caller's direct chats and joined rooms by activity with unread badges (myRooms +
 * myEvents), and "Rooms", every room to browse and search (rooms + roomListEvents).
 * Returns a teardown function.
 */
export function renderShell(root: HTMLElement, auth: Auth): () => void {
  const connection = new LiveConnection(auth);
  const roomList = new RoomList(auth, connection);
  const conversations = new Conversations(auth, connection);
  let tab: SidebarTab = 'chats';
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
    {
      class: 'btn btn-ghost btn-sm',
      type: 'button',
      'data-testid': 'new-room',
      onclick: () =>
        openCreateRoomDialog(roomList, (room) => {
          conversations.joined(room);
          navigate(room.id);
        }),
    },
    icon('plus', 16),
    'New room',
  );
  const newMessageButton = h(
    'button',
    {
      class: 'btn btn-primary btn-sm new-message-btn',
      type: 'button',
      'data-testid': 'new-message',
      onclick: () => openNewMessageDialog(auth, conversations, (room) => navigate(room.id)),
    },
    icon('edit', 16),
    'New message',
  );
  const searchBox = h('div', { class: 'search' }, icon('search', 16), searchInput);
  const tools = h('div', { class: 'sidebar-tools' });
  const chatsTab = h('button', { class: 'sidebar-tab', type: 'button', role: 'tab', id: 'tab-chats', 'aria-controls': 'sidebar-panel', 'data-testid': 'tab-chats' });
  const roomsTab = h('button', { class: 'sidebar-tab', type: 'button', role: 'tab', id: 'tab-rooms', 'aria-controls': 'sidebar-panel', 'data-testid': 'tab-rooms' });
  chatsTab.addEventListener('click', () => showTab('chats'));
  roomsTab.addEventListener('click', () => showTab('rooms'));
  const tabList = h('div', { class: 'sidebar-tabs', role: 'tablist', 'aria-label': 'Sidebar' }, chatsTab, roomsTab);
  // Left/Right move between the tabs, as in any tab list.
  tabList.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    showTab(tab === 'chats' ? 'rooms' : 'chats');
    (tab === 'chats' ? chatsTab : roomsTab).focus();
  });
  const chatListEl = h('ul', { class: 'room-list', 'data-testid': 'chat-list' });
  const chatItems = new Map<string, { signature: string; el: HTMLLIElement }>();
  const listEl = h('ul', { class: 'room-list', 'data-testid': 'room-list' });
  const listFooter = h('div', { class: 'room-list-footer' });
  const panel = h('div', { class: 'room-list-scroll', id: 'sidebar-panel', role: 'tabpanel' });
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
    tabList,
    tools,
    panel,
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

  function showTab(next: SidebarTab) {
    tab = next;
    renderTabs();
    renderList();
  }

  function renderTabs() {
    const unread = conversations.unreadTotal;
    for (const [button, name] of [[chatsTab, 'chats'], [roomsTab, 'rooms']] as const) {
      const selected = tab === name;
      button.classList.toggle('active', selected);
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    chatsTab.replaceChildren('Chats');
    if (unread > 0) chatsTab.append(h('span', { class: 'unread-badge', 'data-testid': 'unread-total', 'aria-label': `${unread} unread`, text: badgeText(unread) }));
    roomsTab.textContent = 'Browse rooms';
    panel.setAttribute('aria-labelledby', tab === 'chats' ? 'tab-chats' : 'tab-rooms');
    if (tab === 'chats') tools.replaceChildren(newMessageButton, newRoomButton);
    else tools.replaceChildren(searchBox, newRoomButton);
  }

  /** A direct chat or joined room: its unread badge and its newest message. */
  function chatItem(room: Room, active: boolean): HTMLLIElement {
    const direct = room.kind === 'DIRECT';
    const unread = room.unreadCount ?? 0;
    const last = room.lastMessage;
    const preview = last
      ? `${last.author.id === user.id ? 'You: ' : direct ? '' : `${last.author.username}: `}${last.content}`
      : direct
        ? 'Say hello 👋'
        : 'No messages yet';
    return h(
      'li',
      null,
      h(
        'a',
        {
          class: `room-item chat-item${active ? ' active' : ''}${unread > 0 ? ' unread' : ''}`,
          href: `#/rooms/${encodeURIComponent(room.id)}`,
          'data-testid': 'chat-item',
          'data-room-name': room.name,
          'data-kind': room.kind ?? (room.private ? 'PRIVATE' : 'PUBLIC'),
          'data-unread': String(unread),
          'aria-label': `${room.name}${direct ? ', direct message' : ''}${unread > 0 ? `, ${unread} unread` : ''}`,
        },
        direct ? h('span', { class: 'direct-avatar', title: 'Direct message' }, avatar(room.name, 'md')) : roomTile(room.name, room.private),
        h(
          'span',
          { class: 'room-item-body' },
          h(
            'span',
            { class: 'room-item-name' },
            h('span', { class: 'ellipsis', text: room.name }),
            room.private && !direct ? icon('lock', 13) : null,
            direct ? h('span', { class: 'kind-label', 'data-testid': 'direct-marker', text: 'Direct' }) : null,
            last ? h('time', { class: 'chat-item-time', datetime: last.sentAt, text: formatTime(last.sentAt) }) : null,
          ),
          h(
            'span',
            { class: 'chat-item-preview' },
            h('span', { class: 'ellipsis', 'data-testid': 'chat-preview', text: preview }),
            unread > 0 ? h('span', { class: 'unread-badge', 'data-testid': 'unread-badge', 'aria-hidden': 'true', text: badgeText(unread) }) : null,
          ),
        ),
      ),
    );
  }

  function renderList() {
    renderTabs();
    if (tab === 'chats') renderChats();
    else renderRooms();
  }

  function renderChats() {
    const state = conversations.value;
    const active = currentRoomId();
    if (state.rooms.length === 0 && !state.loading) {
      chatListEl.replaceChildren(
        h(
          'li',
          { class: 'list-empty' },
          state.error
            ? h('span', { text: describeError(state.error) })
            : h(
                'span',
                null,
                'No chats yet. ',
                h('button', { class: 'link', type: 'button', text: 'Message someone', onclick: () => newMessageButton.click() }),
                ' or ',
                h('button', { class: 'link', type: 'button', text: 'browse rooms', onclick: () => showTab('rooms') }),
                '.',
              ),
        ),
      );
    } else {
      // Items that did not change stay (a re-render between a press and its release would lose the click).
      const items = state.rooms.map((room) => {
        const signature = JSON.stringify([room, room.id === active]);
        const hit = chatItems.get(room.id);
        if (hit?.signature === signature) return hit.el;
        const el = chatItem(room, room.id === active);
        chatItems.set(room.id, { signature, el });
        return el;
      });
      const shown = new Set(state.rooms.map((room) => room.id));
      for (const id of chatItems.keys()) if (!shown.has(id)) chatItems.delete(id);
      let next = chatListEl.firstChild;
      for (const item of items) {
        if (item === next) next = next.nextSibling;
        else chatListEl.insertBefore(item, next);
      }
      while (next) {
        const after = next.nextSibling;
        next.remove();
        next = after;
      }
    }
    const footer = state.loading
      ? h('div', { class: 'list-loading' }, h('span', { class: 'spinner' }), 'Loading chats…')
      : state.hasMore
        ? h('button', { class: 'btn btn-ghost btn-sm btn-block', type: 'button', text: 'Load more chats', 'data-testid': 'load-more-chats', onclick: () => void conversations.loadMore() })
        : null;
    listFooter.replaceChildren(...(footer ? [footer] : []));
    if (panel.firstChild !== chatListEl) panel.replaceChildren(chatListEl, listFooter);
  }

  function renderRooms() {
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
    if (panel.firstChild !== listEl) panel.replaceChildren(listEl, listFooter);
  }

  // ---- Main area: routing between the welcome screen and a room ----------------------------
  function renderWelcome() {
    main.replaceChildren(
      h(
        'div',
        { class: 'welcome' },
        h('div', { class: 'welcome-art' }, icon('chat', 40)),
        h('h2', { text: `Hi ${user.username}!` }),
        h('p', { text: 'Pick a chat on the left, message someone directly, or browse the rooms. Private rooms ask for their password the first time.' }),
        h(
          'div',
          { class: 'welcome-actions' },
          h('button', { class: 'btn btn-primary', type: 'button', onclick: () => newMessageButton.click() }, icon('edit', 16), 'New message'),
          h('button', { class: 'btn btn-ghost', type: 'button', onclick: () => newRoomButton.click() }, icon('plus', 16), 'Create a room'),
        ),
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
      session = new RoomSession(roomId, auth, connection, roomList, conversations);
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
    roomList.changed.on(() => tab === 'rooms' && renderList()),
    conversations.changed.on(() => (tab === 'chats' ? renderList() : renderTabs())),
    roomList.deleted.on((roomId) => {
      if (session?.roomId === roomId) session.markDeleted();
    }),
  ];
  window.addEventListener('hashchange', route);

  renderStatus(connection.status);
  connection.start();
  roomList.start();
  conversations.start();
  route();

  return () => {
    window.removeEventListener('hashchange', route);
    unsubscribers.forEach((off) => off());
    chatView?.destroy();
    session?.close();
    roomList.stop();
    conversations.stop();
    connection.stop();
  };
}

/** An unread count as a badge shows it: "99+" beyond 99. */
function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}
