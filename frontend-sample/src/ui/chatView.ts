import { describeError } from '../api/errors';
import type { LiveStatus } from '../api/live';
import type { Message, MessageQuote } from '../api/operations';
import type { PendingMessage, RoomChange, RoomSession, SystemLine, TimelineItem } from '../chat/roomSession';
import { confirmDialog } from './dialogs';
import { h, icon } from './dom';
import { toast } from './toast';
import { avatar, dayKey, formatDay, formatFull, formatTime, plural, roomTile } from './format';
import { messageActions, openReactionPicker, quoteText, reactionChips, replyQuote, type MessageActions } from './messageParts';

const GROUP_WINDOW_MS = 5 * 60_000;
const NEAR_BOTTOM_PX = 120;
const LOAD_OLDER_PX = 240;
const MAX_LENGTH = 4000;

interface Callbacks {
  back: () => void;
  deleted: (roomName: string) => void;
  left: (roomName: string) => void;
  /** We deleted it ourselves. */
  removed: (roomName: string) => void;
}

/** What the composer is doing besides writing a new message. */
type ComposerMode =
  | { kind: 'reply'; quote: MessageQuote }
  /** `draft`: what the composer held before, given back when the edit ends. */
  | { kind: 'edit'; messageId: string; draft: string };

/** The open room: header, messages, who is online, and the composer. */
export class ChatView {
  readonly element: HTMLElement;
  private readonly header = h('header', { class: 'chat-header' });
  /** Kept across header renders: a presence update between a press and its release would lose the click. */
  private readonly backButton: HTMLButtonElement;
  private readonly banner = h('div', { class: 'chat-banner', role: 'status', 'data-testid': 'chat-banner', hidden: true });
  private readonly scroller = h('div', { class: 'messages', 'data-testid': 'messages' });
  private readonly list = h('div', { class: 'messages-inner' });
  private readonly topMarker = h('div', { class: 'messages-top' });
  private readonly jumpButton = h('button', { class: 'jump-latest', type: 'button', hidden: true }, icon('arrowDown', 16), 'New messages');
  private readonly onlinePanel = h('aside', { class: 'online-panel', 'data-testid': 'online-panel' });
  private readonly composerSlot = h('div', { class: 'composer-slot' });
  private readonly body = h('div', { class: 'chat-body' });
  private readonly textarea = h('textarea', {
    class: 'composer-input',
    rows: 1,
    placeholder: 'Write a message…',
    'aria-label': 'Message',
    'data-testid': 'composer',
    maxlength: MAX_LENGTH,
  });
  private readonly counter = h('span', { class: 'composer-counter', hidden: true });
  private readonly sendButton = h('button', { class: 'send-btn', type: 'submit', 'aria-label': 'Send', title: 'Send (Enter)', 'data-testid': 'send' }, icon('send', 18));
  private readonly composer: HTMLFormElement;
  private readonly contextBar = h('div', { class: 'composer-context', 'data-testid': 'composer-context', hidden: true });
  private readonly composerWrap: HTMLElement;
  private mode: ComposerMode | null = null;
  private closePicker: (() => void) | null = null;
  private readonly actions: MessageActions = {
    react: (message, trigger) => this.onReact(message, trigger),
    reply: (message) => (this.closeActions(), this.startReply(message)),
    edit: (message) => (this.closeActions(), this.startEdit(message)),
    delete: (message) => void this.onDeleteMessage(message),
    toggleReaction: (message, emoji) => this.onToggleReaction(message, emoji),
    showMessage: (id) => this.showMessage(id),
  };
  private readonly cache = new Map<string, { signature: string; el: HTMLElement }>();
  private connection: LiveStatus = 'connecting';
  private unsubscribe: () => void;
  private destroyed = false;
  private reportedEnd = false;

  constructor(
    private readonly session: RoomSession,
    private readonly callbacks: Callbacks,
  ) {
    this.composer = h(
      'form',
      { class: 'composer', onsubmit: (e: Event) => this.onSend(e) },
      h('div', { class: 'composer-box' }, this.textarea, this.counter),
      this.sendButton,
    );
    this.composerWrap = h('div', { class: 'composer-wrap' }, this.contextBar, this.composer);
    this.backButton = h('button', { class: 'icon-btn back-btn', type: 'button', 'aria-label': 'Back to rooms', onclick: this.callbacks.back }, icon('back'));
    this.textarea.addEventListener('keydown', (e) => {
      if (e.isComposing) return;
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.composer.requestSubmit();
      } else if (e.key === 'Escape' && this.mode) {
        e.preventDefault();
        this.endMode();
      } else if (e.key === 'ArrowUp' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && this.textarea.value === '' && this.mode?.kind !== 'edit') {
        // As in most chat apps: Up in an empty composer edits our last message.
        const last = this.session.lastOwnMessage();
        if (last) {
          e.preventDefault();
          this.startEdit(last);
        }
      }
    });
    this.textarea.addEventListener('input', () => this.autosize());
    this.scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.jumpButton.addEventListener('click', () => this.scrollToBottom(true));
    this.scroller.append(this.topMarker, this.list);

    this.element = h(
      'section',
      { class: 'chat', 'data-testid': 'chat-view' },
      this.header,
      this.banner,
      this.body,
    );
    this.unsubscribe = session.changed.on((change) => this.update(change));
    this.renderHeader();
    this.renderBody();
  }

  setConnection(status: LiveStatus): void {
    this.connection = status;
    // While disconnected, who is online is not known: show the last list dimmed.
    this.element.classList.toggle('disconnected', status !== 'online');
    this.renderBanner();
  }

  destroy(): void {
    this.destroyed = true;
    this.closePicker?.();
    this.unsubscribe();
  }

  // ---- Updates --------------------------------------------------------------------------

  private update(change: RoomChange): void {
    if (this.destroyed) return;
    switch (change) {
      case 'status':
        this.renderHeader();
        this.renderBody();
        break;
      case 'room':
        this.renderHeader();
        this.renderOnline();
        this.renderComposer();
        break;
      case 'presence':
        this.renderHeader();
        this.renderOnline();
        break;
      case 'seen': {
        const nearBottom = this.isNearBottom();
        this.renderMessages();
        if (nearBottom) this.scrollToBottom(true);
        break;
      }
      case 'initial':
        this.renderHeader();
        this.renderBody();
        this.renderMessages();
        this.scrollToBottom(false);
        this.fillViewport();
        break;
      case 'older': {
        const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
        this.renderMessages();
        this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
        this.fillViewport();
        break;
      }
      case 'live':
      case 'pending': {
        const nearBottom = this.isNearBottom();
        this.checkMode();
        this.renderMessages();
        if (nearBottom || change === 'pending') this.scrollToBottom(true);
        else this.jumpButton.hidden = false;
        break;
      }
    }
  }

  private renderHeader(): void {
    const { room, status } = this.session;
    const name = room?.name ?? '';
    const direct = this.session.isDirect;
    const actions: HTMLElement[] = [];
    // A direct chat cannot be left or deleted.
    if (room && status === 'ready' && !direct) {
      if (this.session.isOwner) {
        actions.push(
          h('button', { class: 'btn btn-ghost btn-sm danger-text', type: 'button', 'data-testid': 'delete-room', onclick: () => void this.onDelete() }, icon('trash', 16), 'Delete'),
        );
      } else if (room.joined) {
        actions.push(
          h('button', { class: 'btn btn-ghost btn-sm', type: 'button', 'data-testid': 'leave-room', onclick: () => void this.onLeave() }, icon('exit', 16), 'Leave'),
        );
      }
    }
    const meta: (string | HTMLElement)[] = [];
    if (room && direct) {
      meta.push(h('span', { 'data-testid': 'direct-label' }, icon('chat', 14), 'Direct message'));
      const peer = room.directPeer;
      if (status === 'ready' && peer && this.session.online.has(peer.id)) {
        meta.push(h('span', { class: 'meta-online', 'data-testid': 'online-count' }, h('span', { class: 'presence-dot' }), 'Online'));
      }
    } else if (room) {
      meta.push(h('span', null, icon('users', 14), plural(room.memberCount, 'member')));
      if (status === 'ready') {
        meta.push(h('span', { class: 'meta-online', 'data-testid': 'online-count' }, h('span', { class: 'presence-dot' }), `${this.session.onlineCount} online`));
      }
      if (room.private) meta.push(h('span', null, icon('lock', 14), 'Private'));
    }
    this.header.replaceChildren(
      this.backButton,
      room ? (direct ? avatar(name, 'md') : roomTile(name, room.private)) : h('span', { class: 'room-tile skeleton' }),
      h(
        'div',
        { class: 'chat-title' },
        h('h1', { 'data-testid': 'room-title', text: room ? name : status === 'notFound' ? 'Room not found' : 'Loading…' }),
        h('div', { class: 'chat-meta' }, ...meta),
      ),
      h('div', { class: 'chat-actions' }, ...actions),
    );
  }

  private renderBanner(): void {
    const show = this.session.status === 'ready' && this.connection !== 'online';
    this.banner.hidden = !show;
    if (!show) return;
    const offline = this.connection === 'offline';
    this.banner.className = `chat-banner ${offline ? 'banner-offline' : 'banner-reconnecting'}`;
    this.banner.replaceChildren(
      offline ? icon('alert', 16) : h('span', { class: 'spinner spinner-sm' }),
      h('span', {
        text: offline
          ? "You're offline. Messages you send wait here and go out when you're back; anything you missed will appear."
          : 'Connection lost. Reconnecting… nothing will be missed.',
      }),
    );
  }

  private renderBody(): void {
    const { status, room } = this.session;
    this.renderBanner();
    switch (status) {
      case 'loading':
        this.body.replaceChildren(h('div', { class: 'center-state' }, h('span', { class: 'spinner' }), h('p', { text: 'Loading messages…' })));
        return;
      case 'locked':
        this.body.replaceChildren(this.lockCard());
        return;
      case 'notFound':
        this.body.replaceChildren(
          h(
            'div',
            { class: 'center-state' },
            h('div', { class: 'welcome-art muted' }, icon('hash', 36)),
            h('h2', { text: 'This room does not exist' }),
            h('p', { text: 'It may have been deleted, or the link is wrong.' }),
            h('button', { class: 'btn btn-primary', type: 'button', text: 'Back to rooms', onclick: this.callbacks.back }),
          ),
        );
        return;
      case 'deleted':
        if (!this.reportedEnd) {
          this.reportedEnd = true;
          this.callbacks.deleted(room?.name ?? 'This room');
        }
        return;
      case 'error':
        this.body.replaceChildren(
          h(
            'div',
            { class: 'center-state' },
            h('p', { class: 'form-error', text: describeError(this.session.error, 'room') }),
            h('button', { class: 'btn btn-primary', type: 'button', text: 'Try again', onclick: () => void this.session.open() }),
          ),
        );
        return;
      case 'ready':
        if (!this.body.contains(this.scroller)) {
          this.body.replaceChildren(
          h('div', { class: 'chat-main' }, h('div', { class: 'messages-wrap' }, this.scroller, this.jumpButton), this.composerSlot),
            this.onlinePanel,
          );
        }
        this.renderComposer();
        this.renderOnline();
        return;
    }
  }

  private lockCard(): HTMLElement {
    const room = this.session.room!;
    const input = h('input', { type: 'password', name: 'room-password', placeholder: 'Room password', required: true, autocomplete: 'off', 'data-testid': 'room-password' });
    const error = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'join-error' });
    const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit', text: 'Join room', 'data-testid': 'join-private' });
    const form = h(
      'form',
      {
        class: 'lock-card',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          error.hidden = true;
          submit.disabled = true;
          try {
            await this.session.join(input.value);
          } catch (err) {
            error.hidden = false;
            error.replaceChildren(icon('alert', 16), h('span', { text: describeError(err, 'joinRoom') }));
            input.select();
          } finally {
            submit.disabled = false;
          }
        },
      },
      h('div', { class: 'lock-icon' }, icon('lock', 28)),
      h('h2', { text: `“${room.name}” is private` }),
      h('p', { text: `Ask ${room.createdBy?.username ?? 'its creator'} for the password, then join to read and send messages.` }),
      input,
      error,
      submit,
    );
    queueMicrotask(() => input.focus());
    return h('div', { class: 'center-state' }, form);
  }

  private renderComposer(): void {
    const room = this.session.room;
    if (!room || this.session.status !== 'ready') return;
    if (room.joined) {
      if (this.composerSlot.firstChild !== this.composerWrap) {
        this.composerSlot.replaceChildren(this.composerWrap);
        queueMicrotask(() => this.textarea.focus());
      }
    } else {
      const error = h('span', { class: 'form-error inline', hidden: true });
      const join = h('button', {
        class: 'btn btn-primary btn-sm',
        type: 'button',
        text: 'Join room',
        'data-testid': 'join-public',
        onclick: async () => {
          join.disabled = true;
          try {
            await this.session.join();
          } catch (err) {
            error.hidden = false;
            error.textContent = describeError(err, 'joinRoom');
          } finally {
            join.disabled = false;
          }
        },
      });
      this.composerSlot.replaceChildren(
        h('div', { class: 'join-bar' }, h('span', { text: `You're previewing “${room.name}”. Join to send messages.` }), error, join),
      );
    }
  }

  private renderOnline(): void {
    const users = [...this.session.online.values()].sort((a, b) => a.username.localeCompare(b.username));
    const me = this.session.me;
    this.onlinePanel.replaceChildren(
      h('div', { class: 'panel-title' }, h('span', { text: 'Online' }), h('span', { class: 'count', text: String(this.session.onlineCount) })),
      users.length === 0
        ? h('p', { class: 'panel-empty', text: 'Nobody else is here right now.' })
        : h(
            'ul',
            { class: 'online-list' },
            ...users.map((user) =>
              h(
                'li',
                { 'data-testid': 'online-user', 'data-username': user.username },
                h('span', { class: 'avatar-wrap' }, avatar(user.username, 'sm'), h('span', { class: 'presence-dot on' })),
                h('span', { class: 'ellipsis', text: user.username }),
                user.id === me?.id ? h('span', { class: 'you', text: 'you' }) : null,
              ),
            ),
          ),
    );
  }

  // ---- Messages ---------------------------------------------------------------------------

  private renderMessages(): void {
    const items = this.session.timeline();
    const me = this.session.me?.id;
    const nodes: HTMLElement[] = [];
    if (this.session.hasOlder) {
      nodes.push(h('div', { class: 'history-loading' }, h('span', { class: 'spinner spinner-sm' }), 'Loading earlier messages…'));
    } else if (this.session.room) {
      const room = this.session.room;
      const direct = this.session.isDirect;
      nodes.push(
        this.cached('start', `${room.name}|${direct}|${items.length === 0}`, () =>
          h(
            'div',
            { class: 'room-start' },
            direct ? avatar(room.name, 'lg') : roomTile(room.name, room.private),
            h('h3', { text: direct ? `This is the start of your conversation with ${room.name}` : `This is the start of “${room.name}”` }),
            h('p', {
              text:
                items.length === 0
                  ? direct
                    ? 'Only the two of you can read it. Say hello 👋'
                    : 'No messages yet. Say hello 👋'
                  : direct
                    ? 'Only the two of you can read it.'
                    : `Created by ${room.createdBy?.username ?? 'someone'}.`,
            }),
          ),
        ),
      );
    }
    const seenSeq = this.session.seenSeq;

    let lastDay = '';
    let previous: { author: string; at: number } | null = null;
    for (const item of items) {
      const at = itemTime(item);
      const day = dayKey(at);
      if (day !== lastDay) {
        lastDay = day;
        previous = null;
        nodes.push(this.cached(`d:${day}`, 'day', () => h('div', { class: 'day-divider' }, h('span', { text: formatDay(at) }))));
      }
      if (item.kind === 'system') {
        previous = null;
        nodes.push(this.cached(item.key, 'system', () => systemLine(item.line)));
        continue;
      }
      const authorId = item.kind === 'message' ? item.message.author.id : me ?? '';
      const time = Date.parse(at);
      const grouped = previous !== null && previous.author === authorId && time - previous.at < GROUP_WINDOW_MS;
      previous = { author: authorId, at: time };
      if (item.kind === 'message') {
        const message = item.message;
        const own = message.author.id === me;
        const quote = this.session.quoteOf(message);
        const canDelete = this.session.canDelete(message);
        const seen = message.seq === seenSeq;
        // The row is rebuilt when anything it shows changed (an edit, a reaction, its quote, "Seen").
        const signature = JSON.stringify([own, grouped, canDelete, message.content, message.editedAt, message.deleted, message.reactions, quote, seen]);
        nodes.push(this.cached(item.key, signature, () => this.messageRow(message, quote, own, grouped, canDelete, seen)));
      } else {
        const p = item.pending;
        nodes.push(
          this.cached(item.key, `${p.status}|${p.error ?? ''}|${grouped}`, () =>
            pendingRow(p, grouped, () => this.session.retry(p.clientMessageId), () => this.session.discard(p.clientMessageId), this.actions.showMessage),
          ),
        );
      }
    }
    // Drop cached elements no longer shown.
    const shown = new Set(nodes);
    for (const [key, entry] of this.cache) if (!shown.has(entry.el)) this.cache.delete(key);
    const focus = this.focusInList();
    // Rows that did not change stay in place (moving one would drop a focus inside it).
    let next = this.list.firstChild;
    for (const node of nodes) {
      if (node === next) next = next.nextSibling;
      else this.list.insertBefore(node, next);
    }
    while (next) {
      const after = next.nextSibling;
      next.remove();
      next = after;
    }
    focus?.();
  }

  /**
   * A row rebuilt (an edit, a reaction) while a button in it had the focus would drop
   * the focus to the page: returns how to give it to the same button of the new row.
   */
  private focusInList(): (() => void) | null {
    const active = document.activeElement as HTMLElement | null;
    const row = active?.closest<HTMLElement>('[data-message-id]');
    if (!active || !row || !this.list.contains(row)) return null;
    const id = row.dataset.messageId!;
    const testId = active.dataset.testid;
    const emoji = active.dataset.emoji;
    return () => {
      if (document.activeElement === active) return;
      if (active.isConnected) return active.focus({ preventScroll: true });
      const newRow = this.list.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
      const selector = testId ? `[data-testid="${testId}"]${emoji ? `[data-emoji="${CSS.escape(emoji)}"]` : ''}` : null;
      const target = (selector && newRow?.querySelector<HTMLElement>(selector)) || newRow?.querySelector<HTMLElement>('button') || this.textarea;
      target.focus({ preventScroll: true });
    };
  }

  private cached(key: string, signature: string, build: () => HTMLElement): HTMLElement {
    const hit = this.cache.get(key);
    if (hit && hit.signature === signature) return hit.el;
    const el = build();
    this.cache.set(key, { signature, el });
    return el;
  }

  // ---- Scrolling ---------------------------------------------------------------------------

  private isNearBottom(): boolean {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
  }

  private scrollToBottom(smooth: boolean): void {
    this.jumpButton.hidden = true;
    requestAnimationFrame(() => {
      this.scroller.scrollTo({ top: this.scroller.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    });
    if (!smooth) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  private onScroll(): void {
    if (this.scroller.scrollTop < LOAD_OLDER_PX) void this.session.loadOlder();
    if (this.isNearBottom()) this.jumpButton.hidden = true;
  }

  /** Until the messages fill the window there is no scrolling up: load older pages now. */
  private fillViewport(): void {
    requestAnimationFrame(() => {
      if (this.session.hasOlder && this.scroller.scrollHeight <= this.scroller.clientHeight + LOAD_OLDER_PX) {
        void this.session.loadOlder();
      }
    });
  }

  // ---- Actions ----------------------------------------------------------------------------

  private onSend(event: Event): void {
    event.preventDefault();
    const text = this.textarea.value;
    if (!text.trim()) return;
    const mode = this.mode;
    if (mode?.kind === 'edit') {
      this.endMode();
      this.session.edit(mode.messageId, text).catch((err) => toast(`Your edit was not saved: ${describeError(err, 'message')}`, 'error'));
      return;
    }
    this.session.send(text, mode?.kind === 'reply' ? mode.quote : undefined);
    this.mode = null;
    this.renderContextBar();
    this.textarea.value = '';
    this.autosize();
    this.textarea.focus();
  }

  // ---- Reply, edit, delete, react -----------------------------------------------------------

  private startReply(message: Message): void {
    if (this.mode?.kind === 'edit') this.endMode();
    this.mode = { kind: 'reply', quote: { id: message.id, author: message.author, content: message.content, deleted: message.deleted } };
    this.renderContextBar();
    this.textarea.focus();
  }

  /** The composer takes the message's text; Enter saves, Escape gives back what was there. */
  private startEdit(message: Message): void {
    if (message.deleted || message.author.id !== this.session.me?.id) return;
    const draft = this.mode?.kind === 'edit' ? this.mode.draft : this.textarea.value;
    this.mode = { kind: 'edit', messageId: message.id, draft };
    this.textarea.value = message.content;
    this.autosize();
    this.renderContextBar();
    this.textarea.focus();
    this.textarea.setSelectionRange(message.content.length, message.content.length);
  }

  private endMode(): void {
    const mode = this.mode;
    this.mode = null;
    if (mode?.kind === 'edit') {
      this.textarea.value = mode.draft;
      this.autosize();
    }
    this.renderContextBar();
    this.textarea.focus();
  }

  /** The message we reply to or edit was deleted meanwhile (by us elsewhere, or the room's owner). */
  private checkMode(): void {
    const id = this.mode?.kind === 'edit' ? this.mode.messageId : this.mode?.quote.id;
    if (id && this.session.message(id)?.deleted) {
      toast(this.mode?.kind === 'edit' ? 'The message you were editing was deleted.' : 'The message you were replying to was deleted.', 'warning');
      this.endMode();
    }
  }

  private renderContextBar(): void {
    const mode = this.mode;
    this.contextBar.hidden = !mode;
    this.composer.classList.toggle('editing', mode?.kind === 'edit');
    if (!mode) {
      this.contextBar.replaceChildren();
      return;
    }
    const cancel = mode.kind === 'edit' ? 'Cancel edit' : 'Cancel reply';
    this.contextBar.replaceChildren(
      icon(mode.kind === 'edit' ? 'edit' : 'reply', 15),
      mode.kind === 'edit'
        ? h('span', { class: 'context-text' }, h('strong', { text: 'Editing your message' }), h('span', { class: 'muted', text: ' · Enter to save, Esc to cancel' }))
        : h('span', { class: 'context-text' }, 'Replying to ', h('strong', { text: mode.quote.author.username }), ': ', h('span', { class: 'context-quote', text: quoteText(mode.quote) })),
      h('button', { class: 'icon-btn icon-btn-sm', type: 'button', 'aria-label': cancel, title: `${cancel} (Esc)`, 'data-testid': 'cancel-context', onclick: () => this.endMode() }, icon('x', 16)),
    );
  }

  /** Hide the actions a tap showed. */
  private closeActions(): void {
    for (const row of this.list.querySelectorAll('.actions-open')) row.classList.remove('actions-open');
  }

  private onReact(message: Message, trigger: HTMLElement): void {
    this.closePicker?.();
    this.closePicker = openReactionPicker(
      trigger,
      (emoji) => this.session.message(message.id)?.reactions.some((r) => r.emoji === emoji && r.mine) ?? false,
      (emoji) => {
        this.closeActions();
        this.onToggleReaction(message, emoji);
      },
      () => {
        const row = this.list.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(message.id)}"]`);
        (row?.querySelector<HTMLElement>('[data-testid="react"]') ?? this.textarea).focus({ preventScroll: true });
      },
    );
  }

  private onToggleReaction(message: Message, emoji: string): void {
    this.session.toggleReaction(message.id, emoji).catch((err) => alertError(err, 'message'));
  }

  private async onDeleteMessage(message: Message): Promise<void> {
    const own = message.author.id === this.session.me?.id;
    const confirmed = await confirmDialog(
      'Delete message?',
      `${own ? 'Your message' : `${message.author.username}’s message`} will show as “message deleted” for everyone, with its reactions gone. This cannot be undone.`,
      'Delete',
      true,
    );
    if (!confirmed) return;
    try {
      await this.session.deleteMessage(message.id);
    } catch (err) {
      alertError(err, 'message');
    }
    // The button that opened the dialog went with the row's actions: keep focus in the room.
    if (!this.element.contains(document.activeElement)) this.textarea.focus();
  }

  /** Scroll to a message we show (from a reply's quote) and flash it. */
  private showMessage(id: string): void {
    const row = this.list.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
    if (!row) {
      toast('That message is further up: scroll up to load it.', 'info', 3000);
      return;
    }
    row.scrollIntoView({ block: 'center', behavior: 'smooth' });
    row.classList.remove('flash');
    void row.offsetWidth;
    row.classList.add('flash');
  }

  private messageRow(message: Message, quote: MessageQuote | null, own: boolean, grouped: boolean, canDelete: boolean, seen: boolean): HTMLElement {
    const row = h(
      'div',
      {
        class: `msg ${own ? 'own' : 'other'}${grouped ? ' grouped' : ''}${message.deleted ? ' deleted' : ''}`,
        'data-testid': 'message',
        'data-seq': String(message.seq),
        'data-message-id': message.id,
        'data-author': message.author.username,
        'data-state': 'confirmed',
        'data-deleted': String(message.deleted),
      },
      own ? null : grouped ? h('span', { class: 'avatar-spacer' }) : avatar(message.author.username, 'md'),
      h(
        'div',
        { class: 'msg-main' },
        !own && !grouped ? h('div', { class: 'msg-author', text: message.author.username }) : null,
        quote && !message.deleted ? replyQuote(quote, this.actions.showMessage) : null,
        h(
          'div',
          {
            class: 'bubble',
            // Touch screens have no hover: a tap on the bubble shows the actions (of one row at a time).
            onclick: () => {
              if (message.deleted || window.getSelection()?.toString()) return;
              const open = row.classList.contains('actions-open');
              this.closeActions();
              row.classList.toggle('actions-open', !open);
            },
          },
          message.deleted
            ? h('span', { class: 'bubble-text tombstone', text: 'message deleted' })
            : h('span', { class: 'bubble-text', text: message.content }),
          h(
            'span',
            { class: 'bubble-meta' },
            message.editedAt && !message.deleted
              ? h('span', { class: 'edited', 'data-testid': 'edited', title: `Edited ${formatFull(message.editedAt)}`, text: '(edited)' })
              : null,
            h('time', { datetime: message.sentAt, title: formatFull(message.sentAt), text: formatTime(message.sentAt) }),
            own && !message.deleted ? h('span', { class: 'tick', title: 'Delivered' }, icon('check', 13)) : null,
          ),
        ),
        reactionChips(message, (emoji) => this.actions.toggleReaction(message, emoji)),
        // Direct chats: under our newest message the other person has read.
        seen ? h('div', { class: 'msg-seen', 'data-testid': 'seen', text: 'Seen' }) : null,
      ),
      message.deleted ? null : messageActions(message, own, canDelete, this.actions),
    );
    return row;
  }

  private autosize(): void {
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${Math.min(this.textarea.scrollHeight, 160)}px`;
    const length = this.textarea.value.length;
    this.counter.hidden = length < MAX_LENGTH - 500;
    this.counter.textContent = `${length} / ${MAX_LENGTH}`;
  }

  private async onLeave(): Promise<void> {
    const name = this.session.room?.name ?? 'this room';
    if (!(await confirmDialog('Leave room?', `You will stop being a member of “${name}”.${this.session.room?.private ? ' Joining again needs the password.' : ''}`, 'Leave room'))) return;
    try {
      await this.session.leave();
      this.callbacks.left(name);
    } catch (err) {
      alertError(err);
    }
  }

  private async onDelete(): Promise<void> {
    const name = this.session.room?.name ?? 'this room';
    if (!(await confirmDialog('Delete room?', `“${name}” and all its messages will be deleted for everyone. This cannot be undone.`, 'Delete room', true))) return;
    try {
      this.reportedEnd = true;
      await this.session.deleteRoom();
      this.callbacks.removed(name);
    } catch (err) {
      this.reportedEnd = false;
      alertError(err);
    }
  }
}

function alertError(err: unknown, context: 'general' | 'message' = 'general'): void {
  toast(describeError(err, context), 'error');
}

function itemTime(item: TimelineItem): string {
  switch (item.kind) {
    case 'message':
      return item.message.sentAt;
    case 'pending':
      return item.pending.createdAt;
    case 'system':
      return item.line.at;
  }
}

function pendingRow(p: PendingMessage, grouped: boolean, retry: () => void, discard: () => void, showMessage: (id: string) => void): HTMLElement {
  const failed = p.status === 'failed';
  return h(
    'div',
    {
      class: `msg own pending${failed ? ' failed' : ''}${grouped ? ' grouped' : ''}`,
      'data-testid': 'message',
      'data-state': failed ? 'failed' : 'pending',
      'data-client-id': p.clientMessageId,
    },
    h(
      'div',
      { class: 'msg-main' },
      p.replyTo ? replyQuote(p.replyTo, showMessage) : null,
      h(
        'div',
        { class: 'bubble' },
        h('span', { class: 'bubble-text', text: p.content }),
        h(
          'span',
          { class: 'bubble-meta' },
          failed ? icon('alert', 13) : icon('clock', 13),
          h('span', { text: failed ? 'Not sent' : p.status === 'retrying' ? 'Waiting for network…' : 'Sending…' }),
        ),
      ),
      failed
        ? h(
            'div',
            { class: 'msg-error' },
            h('span', { text: p.error ?? 'Not sent.' }),
            h('button', { class: 'link', type: 'button', text: 'Retry', onclick: retry }),
            h('button', { class: 'link muted', type: 'button', text: 'Discard', onclick: discard }),
          )
        : null,
    ),
  );
}

function systemLine(line: SystemLine): HTMLElement {
  return h(
    'div',
    { class: `system-line ${line.kind}`, 'data-testid': 'system-line' },
    h('span', { class: 'system-pill' }, h('strong', { text: line.user.username }), line.kind === 'joined' ? ' joined the room' : ' left the room', h('time', { text: ` · ${formatTime(line.at)}`, title: formatFull(line.at) })),
  );
}
