// Direct chats, unread badges and "Seen" through a real ChatX: Ada finds Bea with the
// people search and writes to her; Bea (on a laptop and on a phone, two browser contexts
// of one user) sees the chat appear live with its badge; reading it on one device clears
// the badge on the other; Ada sees "Seen"; the list follows activity. The list is kept
// live by one myEvents subscription per page (checked by counting them).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Person, waitFor } from './harness.mjs';

// The steps build on each other: after a failed step the rest fail at once, naming it.
let failedStep = null;
function step(name, fn) {
  it(name, async (t) => {
    if (failedStep) throw new Error(`not run: an earlier step failed: ${failedStep}`);
    try {
      await fn(t);
    } catch (err) {
      failedStep = name;
      throw err;
    }
  });
}

/** Per GraphQL WebSocket the page opened: how many subscriptions it sent, by operation name. */
function countSubscriptions(person) {
  const sockets = [];
  person.page.on('websocket', (ws) => {
    if (!new URL(ws.url()).pathname.endsWith('/graphql')) return; // Vite's own socket
    const counts = {};
    sockets.push(counts);
    ws.on('framesent', ({ payload }) => {
      try {
        const message = JSON.parse(String(payload));
        const name = /subscription\s+(\w+)/.exec(message.payload?.query ?? '')?.[1];
        if (message.type === 'subscribe' && name) counts[name] = (counts[name] ?? 0) + 1;
      } catch {
        // not JSON: nothing to count
      }
    });
  });
  return sockets;
}

async function unreadOf(person, name) {
  return (await person.chats()).find((c) => c.name === name)?.unread ?? null;
}

async function chatNames(person) {
  return (await person.chats()).map((c) => c.name);
}

/** Wait until `person`'s Chats tab lists exactly `names`, top to bottom. */
async function waitForOrder(what, person, names) {
  let shown = [];
  try {
    await waitFor(what, async () => JSON.stringify((shown = await chatNames(person))) === JSON.stringify(names));
  } catch (err) {
    err.message += `\nShown: ${JSON.stringify(shown)}, expected ${JSON.stringify(names)}`;
    throw err;
  }
}

describe('direct chats, unread badges and seen', () => {
  let browser;
  let ada;
  let bea; // Bea on her laptop
  let phone; // Bea on her phone: the same user, another browser context
  let adaSubscriptions;
  let phoneSubscriptions;
  let room;

  before(async () => {
    browser = await launchBrowser();
    ada = await Person.open(browser);
    bea = await Person.open(browser);
    phone = await Person.open(browser, { viewport: { width: 390, height: 844 } });
    adaSubscriptions = countSubscriptions(ada);
    phoneSubscriptions = countSubscriptions(phone);
    await ada.register('ada');
    await bea.register('bea');
    await phone.signIn(bea.username, bea.password);
    await phone.page.waitForSelector('[data-testid=current-user]');
    phone.username = bea.username;
    for (const person of [ada, bea, phone]) await person.waitOnline();
  });

  after(async () => {
    await browser?.close();
  });

  step('Ada finds Bea with the people search (by keyboard) and opens a direct chat', async () => {
    await ada.page.click('[data-testid=new-message]');
    const search = ada.page.locator('[data-testid=people-search]');
    await search.waitFor();
    assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'the search field has the focus');
    // Part of her name, in other letter case: searched as Ada types.
    await search.pressSequentially(bea.username.slice(0, 5).toUpperCase(), { delay: 30 });
    await waitFor('Bea among the people found', async () =>
      (await ada.page.locator(`[data-testid=person][data-username="${bea.username}"]`).count()) === 1,
    );
    assert.equal(await ada.page.locator(`[data-testid=person][data-username="${ada.username}"]`).count(), 0, 'not oneself');
    // Up/Down move through the results, Enter opens the highlighted one.
    const people = await ada.page.$$eval('[data-testid=person]', (els) => els.map((el) => el.getAttribute('data-username')));
    const index = people.indexOf(bea.username);
    for (let i = 0; i < index; i++) await search.press('ArrowDown');
    assert.equal(
      await ada.page.getAttribute(`[data-testid=person][data-username="${bea.username}"]`, 'aria-selected'),
      'true',
      'Bea is highlighted',
    );
    await search.press('Enter');
    await waitFor('the chat with Bea to open', async () => (await ada.roomTitle()) === bea.username);
    await ada.page.waitForSelector('[data-testid=direct-label]');
    // Named after the other person in Ada's list, marked as direct.
    await waitFor('the chat in Ada’s list', async () => (await ada.chats()).some((c) => c.name === bea.username && c.kind === 'DIRECT'));
    assert.equal(await ada.chatItem(bea.username).locator('[data-testid=direct-marker]').count(), 1);
    await ada.page.waitForSelector('[data-testid=composer]');
    await ada.send('Hi Bea! Got a minute?');
    await ada.waitForMessages(['Hi Bea! Got a minute?']);
  });

  step('Bea sees it appear live on both devices, with an unread badge of 1', async () => {
    for (const device of [bea, phone]) {
      await waitFor(`the chat with Ada in ${device === bea ? 'the laptop' : 'the phone'}’s list with a badge of 1`, async () => {
        const chat = (await device.chats()).find((c) => c.name === ada.username);
        return chat?.kind === 'DIRECT' && chat.unread === '1' && chat.preview === 'Hi Bea! Got a minute?';
      });
    }
    assert.equal(await bea.page.textContent('[data-testid=unread-total]'), '1', 'the Chats tab counts it too');
  });

  step('Bea opens it: the badge goes away on both devices, and Ada sees “Seen”', async () => {
    await bea.openChat(ada.username);
    await bea.waitForMessages(['Hi Bea! Got a minute?']);
    await waitFor('the laptop’s badge to go', async () => (await unreadOf(bea, ada.username)) === '');
    await waitFor('the phone’s badge to go, live', async () => (await unreadOf(phone, ada.username)) === '');
    await waitFor('Ada to see “Seen” under her message', async () => {
      const seen = ada.page.locator('[data-testid=message]', { has: ada.page.locator('[data-testid=seen]') });
      return (await seen.count()) === 1 && (await seen.locator('.bubble-text').innerText()) === 'Hi Bea! Got a minute?';
    });
  });

  step('Bea answers; “Seen” moves to Ada’s newest message once Bea has read it', async () => {
    await bea.send('Sure, what’s up?');
    await ada.waitForMessages(['Hi Bea! Got a minute?', 'Sure, what’s up?']);
    // Bea leaves the chat (back to the list); Ada writes twice.
    await bea.page.evaluate(() => (window.location.hash = '#/'));
    await bea.page.waitForSelector('.welcome');
    await ada.send('The release notes need a second pair of eyes.');
    await ada.send('No rush, today is fine.');
    await ada.waitForMessages(['The release notes need a second pair of eyes.', 'No rush, today is fine.']);
    for (const device of [bea, phone]) {
      await waitFor('a badge of 2 on each of Bea’s devices', async () => (await unreadOf(device, ada.username)) === '2');
    }
    // Not read yet: "Seen" stays under the first message.
    const seenText = async () => {
      const rows = ada.page.locator('[data-testid=message]', { has: ada.page.locator('[data-testid=seen]') });
      return (await rows.count()) === 1 ? rows.locator('.bubble-text').innerText() : null;
    };
    assert.equal(await seenText(), 'Hi Bea! Got a minute?');

    // She reads them on her phone (390x844): the laptop's badge goes to 0 live.
    await phone.openChat(ada.username);
    await phone.waitForMessages(['The release notes need a second pair of eyes.', 'No rush, today is fine.']);
    await phone.page.click('.back-btn');
    await waitFor('the phone back on its list', async () => new URL(phone.page.url()).hash === '#/');
    await waitFor('the phone’s own badge to go', async () => (await unreadOf(phone, ada.username)) === '');
    await waitFor('the laptop’s badge to go to 0, live', async () => (await unreadOf(bea, ada.username)) === '');
    await waitFor('“Seen” under Ada’s newest message', async () => (await seenText()) === 'No rush, today is fine.');
  });

  step('the list is ordered by activity: a message in an older chat moves it to the top', async () => {
    room = await ada.createRoom('Standup notes');
    await bea.openRoom(room);
    await bea.page.click('[data-testid=join-public]');
    await bea.page.waitForSelector('[data-testid=composer]');
    await bea.page.evaluate(() => (window.location.hash = '#/'));
    await bea.showTab('chats');
    // Just joined, no messages yet: its activity is the join, the newest.
    await waitForOrder('the room on top of Bea’s list', bea, [room, ada.username]);

    await ada.openChat(bea.username);
    await ada.send('One more thing about the notes.');
    for (const device of [bea, phone]) {
      await waitForOrder('the direct chat back on top', device, [ada.username, room]);
    }
    await ada.openChat(room);
    await ada.send('Standup moved to 9:30.');
    await waitFor('the room on top again, with its badge and preview', async () => {
      const [first, second] = await bea.chats();
      return first?.name === room && first.unread === '1' && first.preview === `${ada.username}: Standup moved to 9:30.` && second?.name === ada.username;
    });
    // What myRooms answers after a reload is the order the events made.
    await phone.page.reload();
    await phone.page.waitForSelector('[data-testid=chat-item]');
    await waitForOrder('the same order after a reload', phone, [room, ada.username]);
  });

  step('a badge shows “99+” beyond 99 unread', async () => {
    const roomId = decodeURIComponent(new URL(ada.page.url()).hash.replace('#/rooms/', ''));
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          ada.graphql('mutation($input: SendMessageInput!) { sendMessage(input: $input) { seq } }', {
            input: { roomId, content: `Agenda item ${batch * 10 + i + 1}` },
          }),
        ),
      );
      for (const result of results) assert.ok(result.data?.sendMessage?.seq, JSON.stringify(result.errors));
    }
    await waitFor('“99+” on Bea’s badge', async () => (await unreadOf(bea, room)) === '99+', 30_000);
    const answer = await bea.graphql('query($id: ID!) { room(id: $id) { unreadCount } }', { id: roomId });
    assert.equal(answer.data.room.unreadCount, 101, 'the count itself is exact');
    await bea.openChat(room);
    await waitFor('the badge to go', async () => (await unreadOf(bea, room)) === '', 20_000);
    await waitFor('the phone’s badge to go, live', async () => (await unreadOf(phone, room)) === '', 20_000);
  });

  step('one myEvents subscription per connection, whatever the number of chats', async () => {
    for (const [who, sockets] of [['Ada', adaSubscriptions], ['Bea’s phone', phoneSubscriptions]]) {
      assert.ok(sockets.length >= 1, `${who} connected`);
      for (const counts of sockets) assert.equal(counts.MyEvents, 1, `${who}: ${JSON.stringify(sockets)}`);
    }
    assert.deepEqual([...ada.errors, ...bea.errors, ...phone.errors], [], 'no uncaught errors in the pages');
  });
});
