import { h } from './dom';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const dayWithYearFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

export function formatFull(iso: string): string {
  return fullFormat.format(new Date(iso));
}

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function formatDay(iso: string): string {
  const d = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(iso) === dayKey(today.toISOString())) return 'Today';
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return 'Yesterday';
  return d.getFullYear() === today.getFullYear() ? dayFormat.format(d) : dayWithYearFormat.format(d);
}

/** "3 min ago", "2 days ago": for the room list. */
export function formatRelative(iso: string): string {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const AVATAR_HUES = [250, 200, 160, 30, 330, 280, 10, 190, 120, 45];

function hueFor(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return AVATAR_HUES[Math.abs(hash) % AVATAR_HUES.length];
}

export function avatar(name: string, size: 'sm' | 'md' | 'lg' = 'md'): HTMLElement {
  const initials = name
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('') || '?';
  const hue = hueFor(name);
  return h('span', {
    class: `avatar avatar-${size}`,
    style: `--avatar-bg: hsl(${hue} 70% 92%); --avatar-fg: hsl(${hue} 55% 32%)`,
    text: initials,
    'aria-hidden': 'true',
  });
}

/** A room's tile: its first letter on a colour derived from its name. */
export function roomTile(name: string, isPrivate: boolean): HTMLElement {
  const hue = hueFor(name);
  return h('span', {
    class: `room-tile${isPrivate ? ' private' : ''}`,
    style: `--tile-bg: hsl(${hue} 65% 94%); --tile-fg: hsl(${hue} 50% 38%)`,
    text: (name.trim()[0] ?? '#').toUpperCase(),
    'aria-hidden': 'true',
  });
}
