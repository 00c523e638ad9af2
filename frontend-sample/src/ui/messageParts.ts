// The parts of a message row that belong to its lifecycle: the quote of the message it
// answers, its reaction chips, its actions (react, reply, edit, delete) and the emoji picker.
import type { Message, MessageQuote, Reaction } from '../api/operations';
import { h, icon } from './dom';

/** The picker's emoji: a few common ones, as in most chat apps. */
export const PICKER_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];

const QUOTE_LENGTH = 100;

export interface MessageActions {
  react: (message: Message, trigger: HTMLElement) => void;
  reply: (message: Message) => void;
  edit: (message: Message) => void;
  delete: (message: Message) => void;
  toggleReaction: (message: Message, emoji: string) => void;
  showMessage: (messageId: string) => void;
}

/** The first ~100 characters of a quoted message, or "message deleted". */
export function quoteText(quote: MessageQuote): string {
  if (quote.deleted) return 'message deleted';
  const text = quote.content.replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > QUOTE_LENGTH ? `${chars.slice(0, QUOTE_LENGTH).join('')}…` : text;
}

/** Above a reply's bubble: who and what it answers; clicking it shows that message. */
export function replyQuote(quote: MessageQuote, showMessage: (id: string) => void): HTMLElement {
  const text = quoteText(quote);
  return h(
    'button',
    {
      class: `reply-quote${quote.deleted ? ' deleted' : ''}`,
      type: 'button',
      'data-testid': 'reply-quote',
      'aria-label': `In reply to ${quote.author.username}: ${text}. Show that message`,
      onclick: () => showMessage(quote.id),
    },
    icon('reply', 13),
    h('strong', { text: quote.author.username }),
    h('span', { class: 'reply-quote-text', text }),
  );
}

/** Under the bubble: one chip per emoji with its count, pressed when ours; a click toggles ours. */
export function reactionChips(message: Message, toggle: (emoji: string) => void): HTMLElement | null {
  if (message.deleted || message.reactions.length === 0) return null;
  return h(
    'div',
    { class: 'reactions', role: 'group', 'aria-label': 'Reactions' },
    ...message.reactions.map((reaction) =>
      h(
        'button',
        {
          class: `reaction-chip${reaction.mine ? ' mine' : ''}`,
          type: 'button',
          'data-testid': 'reaction',
          'data-emoji': reaction.emoji,
          'data-count': String(reaction.count),
          'data-mine': String(reaction.mine),
          'aria-pressed': String(reaction.mine),
          'aria-label': `${reaction.emoji} ${reaction.count}: ${reactionWho(reaction)}. ${reaction.mine ? 'Remove your reaction' : 'React too'}`,
          title: reactionWho(reaction),
          onclick: () => toggle(reaction.emoji),
        },
        h('span', { class: 'reaction-emoji', text: reaction.emoji }),
        h('span', { class: 'reaction-count', text: String(reaction.count) }),
      ),
    ),
  );
}

function reactionWho(reaction: Reaction): string {
  const names = reaction.users.map((u) => u.username);
  const others = reaction.count - names.length;
  if (names.length === 0) return `${reaction.count} reacted`;
  return others > 0 ? `${names.join(', ')} and ${others} more` : names.join(', ');
}

/**
 * The row's actions (Tab reaches them). They show when the row is hovered or has focus,
 * or after a tap on the bubble on touch screens.
 */
export function messageActions(message: Message, own: boolean, canDelete: boolean, actions: MessageActions): HTMLElement {
  const button = (name: string, label: string, iconName: string, onclick: (e: MouseEvent) => void, danger = false) =>
    h('button', { class: `msg-action${danger ? ' danger-text' : ''}`, type: 'button', 'data-testid': name, 'aria-label': label, title: label, onclick }, icon(iconName, 16));
  const react: HTMLButtonElement = button('react', 'Add reaction', 'smile', () => actions.react(message, react));
  react.setAttribute('aria-haspopup', 'true');
  return h(
    'div',
    { class: 'msg-actions', role: 'group', 'aria-label': `Actions for ${own ? 'your' : `${message.author.username}'s`} message` },
    react,
    button('reply', 'Reply', 'reply', () => actions.reply(message)),
    own ? button('edit', 'Edit message', 'edit', () => actions.edit(message)) : null,
    canDelete ? button('delete', 'Delete message', 'trash', () => actions.delete(message), true) : null,
  );
}

/**
 * The emoji picker, next to the button that opened it. Arrow keys move between the
 * emoji, Escape or a click elsewhere closes it, and focus goes back to that button
 * (`refocus` when the button is gone: its row was rebuilt by an event meanwhile).
 */
export function openReactionPicker(
  trigger: HTMLElement,
  mine: (emoji: string) => boolean,
  pick: (emoji: string) => void,
  refocus: () => void,
): () => void {
  const buttons = PICKER_EMOJI.map((emoji) =>
    h('button', {
      class: `picker-emoji${mine(emoji) ? ' mine' : ''}`,
      type: 'button',
      text: emoji,
      'data-testid': 'picker-emoji',
      'data-emoji': emoji,
      'aria-pressed': String(mine(emoji)),
      'aria-label': mine(emoji) ? `Remove your ${emoji}` : `React with ${emoji}`,
      onclick: () => {
        close(true);
        pick(emoji);
      },
    }),
  );
  const picker = h('div', { class: 'reaction-picker', role: 'group', 'aria-label': 'Pick a reaction', 'data-testid': 'reaction-picker' }, ...buttons);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step) {
      e.preventDefault();
      buttons[(index + step + buttons.length) % buttons.length].focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      buttons[e.key === 'Home' ? 0 : buttons.length - 1].focus();
    }
  };
  const onPointer = (e: Event) => {
    if (!picker.contains(e.target as Node) && e.target !== trigger && !trigger.contains(e.target as Node)) close(false);
  };
  let closed = false;
  function close(restoreFocus: boolean): void {
    if (closed) return;
    closed = true;
    document.removeEventListener('keydown', onKey, true);
    document.removeEventListener('mousedown', onPointer, true);
    picker.remove();
    trigger.setAttribute('aria-expanded', 'false');
    if (restoreFocus) {
      if (trigger.isConnected) trigger.focus();
      else refocus();
    }
  }
  document.addEventListener('keydown', onKey, true);
  document.addEventListener('mousedown', onPointer, true);
  document.body.appendChild(picker);
  trigger.setAttribute('aria-expanded', 'true');

  // Above the button if there is room, else below; kept inside the window.
  const rect = trigger.getBoundingClientRect();
  const width = picker.offsetWidth;
  const height = picker.offsetHeight;
  const left = Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8));
  const top = rect.top - height - 6 >= 8 ? rect.top - height - 6 : Math.min(rect.bottom + 6, window.innerHeight - height - 8);
  picker.style.left = `${left}px`;
  picker.style.top = `${top}px`;
  buttons[0].focus();
  return () => close(false);
}
