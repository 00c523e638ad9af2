// Browser test helpers: playwright-core driving Debian's Chromium (headless), against the
// app served by Vite at CHATX_E2E_BASE_URL, which proxies /graphql to a running ChatX.
import { chromium } from 'playwright-core';
import { randomBytes } from 'node:crypto';

export const BASE_URL = process.env.CHATX_E2E_BASE_URL ?? 'http://localhost:5173';
export const SCREENSHOT = process.env.CHATX_E2E_SCREENSHOT ?? '';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEFAULT_TIMEOUT = 15_000;

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function suffix(n = 4) {
  return randomBytes(8).toString('hex').slice(0, n);
}

/** Poll `check` until it returns a truthy value; fail with `what` after `timeout`. */
export async function waitFor(what, check, timeout = DEFAULT_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A person with their own browser context (own sessionStorage, own WebSocket). */
export class Person {
  constructor(context, page) {
    this.context = context;
    this.page = page;
    this.username = '';
    this.password = '';
    this.errors = [];
    page.on('pageerror', (err) => this.errors.push(err));
  }

  /** `viewport`: the window size, a desktop one unless given (e.g. a phone's 390x844). */
  static async open(browser, { viewport = { width: 1280, height: 800 } } = {}) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
    await page.goto(BASE_URL);
    await page.waitForSelector('.auth-card');
    return new Person(context, page);
  }

  async close() {
    await this.context.close();
  }

  /** Register `base` (or base-xxxx if taken: the server may hold older test users). */
  async register(base, password = 'correct-horse-battery') {
    for (const name of [base, `${base}-${suffix()}`, `${base}-${suffix(6)}`]) {
      await this.page.click('.tab:has-text("Create account")');
      await this.page.fill('input[name=username]', name);
      await this.page.fill('input[name=email]', `${name}@example.com`);
      await this.page.fill('input[name=password]', password);
      await this.page.click('.auth-form button[type=submit]');
      const outcome = await waitFor('the app or an error after registering', async () => {
        if (await this.page.locator('[data-testid=current-user]').count()) return 'in';
        const error = this.page.locator('[data-testid=auth-error]:visible');
        if (await error.count()) return `error:${await error.innerText()}`;
        return null;
      });
      if (outcome === 'in') {
        this.username = name;
        this.password = password;
        return name;
      }
      if (!outcome.includes('already taken')) throw new Error(`Registration failed: ${outcome}`);
    }
    throw new Error('Could not find a free username');
  }

  async signIn(login, password) {
    await this.page.click('.tab:has-text("Sign in")');
    await this.page.fill('input[name=login]', login);
    await this.page.fill('input[name=password]', password);
    await this.page.click('.auth-form button[type=submit]');
  }

  // The app shows sign-in at once and revokes the refresh token after: wait for that
  // answer too, so that a test may then check the token is refused.
  async signOut() {
    const revoked = this.page.waitForResponse((response) => (response.request().postData() ?? '').includes('logout('));
    await this.page.click('[data-testid=sign-out]');
    await this.page.waitForSelector('.auth-card');
    await revoked;
  }

  async session() {
    return this.page.evaluate(() => JSON.parse(sessionStorage.getItem('chatx.session') ?? 'null'));
  }

  /** Run a GraphQL operation from inside the page with the app's current access token. */
  async graphql(query, variables = {}) {
    return this.page.evaluate(
      async ({ query, variables }) => {
        const session = JSON.parse(sessionStorage.getItem('chatx.session') ?? 'null');
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(session ? { Authorization: `Bearer ${session.accessToken}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return response.json();
      },
      { query, variables },
    );
  }

  async connectionStatus() {
    return this.page.getAttribute('[data-testid=connection-status]', 'data-status');
  }

  async waitOnline() {
    await waitFor(`${this.username} to be live`, async () => (await this.connectionStatus()) === 'online');
  }

  /** Create a room through the dialog; `name` gets a suffix if it is taken. */
  async createRoom(name, { password, maxMembers } = {}) {
    for (const candidate of [name, `${name} ${suffix()}`]) {
      await this.page.click('[data-testid=new-room]');
      await this.page.fill('.dialog input[name=name]', candidate);
      if (password) {
        await this.page.click('.dialog .toggle');
        await this.page.fill('.dialog input[name=room-password]', password);
      }
      if (maxMembers) await this.page.fill('.dialog input[name=maxMembers]', String(maxMembers));
      await this.page.click('.dialog button[type=submit]');
      const outcome = await waitFor('the room or an error', async () => {
        if (!(await this.page.locator('.dialog').count())) return 'created';
        const error = this.page.locator('[data-testid=create-room-error]:visible');
        if (await error.count()) return `error:${await error.innerText()}`;
        return null;
      });
      if (outcome === 'created') {
        await waitFor(`room ${candidate} to open`, async () => (await this.roomTitle()) === candidate);
        return candidate;
      }
      await this.page.keyboard.press('Escape');
      if (!outcome.includes('already exists')) throw new Error(`Creating the room failed: ${outcome}`);
    }
    throw new Error('Could not create the room');
  }

  /** The sidebar's tab: 'chats' (direct chats and joined rooms) or 'rooms' (browse every room). */
  async showTab(tab) {
    await this.page.click(`[data-testid=tab-${tab}]`);
  }

  /** A room in the "Browse rooms" tab. */
  roomItem(name) {
    return this.page.locator(`[data-testid=room-item][data-room-name="${name.replace(/"/g, '\\"')}"]`);
  }

  /** Open a room from the "Browse rooms" tab. */
  async openRoom(name) {
    await this.showTab('rooms');
    await waitFor(`room ${name} in ${this.username}'s list`, async () => (await this.roomItem(name).count()) > 0);
    await this.roomItem(name).click();
  }

  /** A direct chat or joined room in the "Chats" tab. */
  chatItem(name) {
    return this.page.locator(`[data-testid=chat-item][data-room-name="${name.replace(/"/g, '\\"')}"]`);
  }

  /** The "Chats" tab, top to bottom: {name, kind, unread (the badge's text, '' when none), preview}. */
  async chats() {
    return this.page.$$eval('[data-testid=chat-item]', (els) =>
      els.map((el) => ({
        name: el.getAttribute('data-room-name'),
        kind: el.getAttribute('data-kind'),
        unread: el.querySelector('[data-testid=unread-badge]')?.textContent ?? '',
        preview: el.querySelector('[data-testid=chat-preview]')?.textContent ?? '',
      })),
    );
  }

  /** Open a chat from the "Chats" tab. */
  async openChat(name) {
    await this.showTab('chats');
    await waitFor(`chat ${name} in ${this.username}'s list`, async () => (await this.chatItem(name).count()) > 0);
    await this.chatItem(name).click();
    await waitFor(`chat ${name} to open`, async () => (await this.roomTitle()) === name);
  }

  async roomTitle() {
    const title = this.page.locator('[data-testid=room-title]');
    return (await title.count()) ? title.innerText() : null;
  }

  async send(text) {
    await this.page.fill('[data-testid=composer]', text);
    await this.page.press('[data-testid=composer]', 'Enter');
  }

  /** Messages on screen, in order: {text, state, seq, author}. */
  async messages() {
    return this.page.$$eval('[data-testid=message]', (els) =>
      els.map((el) => ({
        text: el.querySelector('.bubble-text')?.textContent ?? '',
        state: el.getAttribute('data-state'),
        seq: el.getAttribute('data-seq') ? Number(el.getAttribute('data-seq')) : null,
        author: el.getAttribute('data-author'),
      })),
    );
  }

  async messageTexts() {
    return (await this.messages()).map((m) => m.text);
  }

  /** Wait until the confirmed messages end with `texts` (in order) and nothing is pending. */
  async waitForMessages(texts, timeout) {
    let seen = [];
    try {
      return await waitFor(
        `${this.username} to see ${JSON.stringify(texts)}`,
        async () => {
          const all = (seen = await this.messages());
          const confirmed = all.filter((m) => m.state === 'confirmed').map((m) => m.text);
          const tail = confirmed.slice(-texts.length);
          return all.every((m) => m.state === 'confirmed') && JSON.stringify(tail) === JSON.stringify(texts) ? all : null;
        },
        timeout,
      );
    } catch (err) {
      const shown = seen.map((m) => `${m.seq ?? '-'} ${m.state} ${m.author ?? 'me'}: ${m.text}`).join('\n  ');
      err.message += `\nOn screen:\n  ${shown}`;
      throw err;
    }
  }

  async onlineUsers() {
    return this.page.$$eval('[data-testid=online-user]', (els) => els.map((el) => el.getAttribute('data-username')));
  }
}
