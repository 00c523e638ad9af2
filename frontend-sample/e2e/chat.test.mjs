// Two people in two browser contexts chat through a real ChatX: a private room joined
// with its password, messages both ways in order, presence, going offline and back (what
// was sent meanwhile arrives exactly once), history paging, search, room deletion.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launchBrowser, Person, SCREENSHOT, suffix, waitFor } from './harness.mjs';

const PASSWORD = 'rocket-42';

function assertNoDuplicates(messages, who) {
  const seqs = messages.map((m) => m.seq);
  assert.equal(new Set(seqs).size, seqs.length, `${who}: no message shown twice`);
  for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1], `${who}: messages in seq order`);
}

// The steps build on each other (one room, one conversation): after a failed step the
// rest fail at once, naming it, so that a run shows the first failure rather than a
// cascade of timeouts (and no step is ever reported as skipped).
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

describe('chat between two people', () => {
  let browser;
  let ada;
  let bea;
  let room;

  before(async () => {
    browser = await launchBrowser();
    ada = await Person.open(browser);
    bea = await Person.open(browser);
    await ada.register('ada');
    await bea.register('bea');
    await ada.waitOnline();
    await bea.waitOnline();
  });

  after(async () => {
    await browser?.close();
  });

  step('a new private room shows up live in the other list', async () => {
    room = await ada.createRoom('Launch planning', { password: PASSWORD });
    // No reload: roomListEvents brings it to Bea's list of every room.
    await bea.showTab('rooms');
    await waitFor('the room in Bea’s list', async () => (await bea.roomItem(room).count()) === 1);
    assert.equal(await bea.roomItem(room).locator('.icon').count() > 0, true, 'shown as private');
  });

  step('a wrong room password is said clearly; the right one joins', async () => {
    await bea.openRoom(room);
    await bea.page.fill('[data-testid=room-password]', 'guess');
    await bea.page.click('[data-testid=join-private]');
    const error = await bea.page.waitForSelector('[data-testid=join-error]:visible');
    assert.equal(await error.innerText(), 'That room password is wrong.');

    await bea.page.fill('[data-testid=room-password]', PASSWORD);
    await bea.page.click('[data-testid=join-private]');
    await bea.page.waitForSelector('[data-testid=composer]');
    // Ada sees the join inline.
    await waitFor('Ada to see Bea join', async () =>
      (await ada.page.locator('[data-testid=system-line]', { hasText: `${bea.username} joined` }).count()) === 1,
    );
  });

  step('messages go both ways, in the same order for both, each once', async () => {
    const conversation = [
      [ada, 'Morning! The release checklist is in the doc. Can you take the API section?'],
      [bea, 'On it. The resume-after-reconnect part reads really well now.'],
      [bea, 'Quick question: do we show presence in the room header too?'],
      [ada, 'Yes: the online count up top, and the full list on the right.'],
    ];
    for (const [i, [person, text]] of conversation.entries()) {
      await person.send(text);
      // Shown at once, before the server has answered, then confirmed.
      await waitFor('the message on screen', async () => (await person.messageTexts()).includes(text));
      // One person's messages keep their order however fast they are sent; between two
      // people, the order is the server's: the other answers once this one is stored.
      const nextSpeaker = conversation[i + 1]?.[0];
      if (nextSpeaker && nextSpeaker !== person) {
        await waitFor('the message to be stored', async () =>
          (await person.messages()).some((m) => m.text === text && m.state === 'confirmed'),
        );
      }
    }
    const texts = conversation.map(([, text]) => text);
    const seenByAda = await ada.waitForMessages(texts);
    const seenByBea = await bea.waitForMessages(texts);
    assert.deepEqual(seenByAda.map((m) => m.text), texts);
    assert.deepEqual(seenByBea.map((m) => m.text), texts);
    assertNoDuplicates(seenByAda, 'Ada');
    assertNoDuplicates(seenByBea, 'Bea');
    assert.deepEqual(seenByAda.map((m) => m.seq), seenByBea.map((m) => m.seq));
  });

  step('presence: each sees the other online, and offline after leaving the room view', async () => {
    await waitFor('Ada to see Bea online', async () => (await ada.onlineUsers()).includes(bea.username));
    await waitFor('Bea to see Ada online', async () => (await bea.onlineUsers()).includes(ada.username));
    await waitFor('Ada to count 2 online', async () => (await ada.page.innerText('[data-testid=online-count]')) === '2 online');

    await bea.page.evaluate(() => (window.location.hash = '#/'));
    await waitFor('Ada to see Bea go offline', async () => !(await ada.onlineUsers()).includes(bea.username));
    await waitFor('Ada to count 1 online', async () => (await ada.page.innerText('[data-testid=online-count]')) === '1 online');

    await bea.openRoom(room);
    await waitFor('Ada to see Bea back online', async () => (await ada.onlineUsers()).includes(bea.username));
  });

  step('offline and back: what was sent meanwhile arrives exactly once, and our own send goes out', async () => {
    const before = (await bea.messages()).map((m) => m.text);
    await bea.context.setOffline(true);
    await waitFor('Bea’s app to show it is offline', async () => (await bea.connectionStatus()) === 'offline');
    await bea.page.waitForSelector('[data-testid=chat-banner]:visible');

    const meanwhile = ['Also, the staging deploy is green.', 'Demo at 3 pm, I will share my screen.', 'Ping me if anything looks off.'];
    for (const text of meanwhile) await ada.send(text);
    await ada.waitForMessages(meanwhile);

    const mine = 'Sorry, train tunnel. Back now, sounds good!';
    await bea.send(mine);
    await waitFor('Bea’s message to wait as pending', async () =>
      (await bea.messages()).some((m) => m.text === mine && m.state === 'pending'),
    );
    // Nothing of Ada's arrived while offline.
    assert.deepEqual((await bea.messages()).filter((m) => m.state === 'confirmed').map((m) => m.text), before);

    await bea.context.setOffline(false);
    const expected = [...before, ...meanwhile, mine];
    const seenByBea = await bea.waitForMessages(expected, 30_000);
    const seenByAda = await ada.waitForMessages(expected, 30_000);
    assert.deepEqual(seenByBea.map((m) => m.text), expected, 'Bea sees everything once, in order');
    assert.deepEqual(seenByAda.map((m) => m.text), expected, 'Ada sees Bea’s message once');
    assertNoDuplicates(seenByBea, 'Bea');
    assertNoDuplicates(seenByAda, 'Ada');
    await bea.waitOnline();
    await waitFor('Bea back in Ada’s online list', async () => (await ada.onlineUsers()).includes(bea.username));

    if (SCREENSHOT) {
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await ada.page.waitForTimeout(400); // let the smooth scroll settle
      await ada.page.screenshot({ path: SCREENSHOT });
    }
  });

  step('a dropped connection: shown, reconnected by itself, resumed from the last cursor', async () => {
    // Route Bea's WebSocket through the test so that it can be cut, and refused for a while,
    // as when the server restarts or the network path breaks (no browser offline event).
    let refusing = false;
    const sockets = [];
    await bea.page.routeWebSocket(
      (url) => url.pathname === '/graphql',
      (ws) => {
        if (refusing) return ws.close({ code: 4000, reason: 'test: unreachable' });
        ws.connectToServer();
        sockets.push(ws);
      },
    );
    await bea.page.reload();
    await bea.page.waitForSelector('[data-testid=composer]');
    await bea.waitOnline();
    const before = (await bea.messages()).map((m) => m.text);
    assert.ok(sockets.length > 0, 'the socket goes through the route');

    refusing = true;
    for (const ws of sockets.splice(0)) await ws.close({ code: 4000, reason: 'test: dropped' });
    await waitFor('Bea’s app to show it is reconnecting', async () => (await bea.connectionStatus()) === 'reconnecting');
    await bea.page.waitForSelector('[data-testid=chat-banner]:visible');

    const meanwhile = ['Did the connection drop on your side?', 'Looks like it, the banner says reconnecting.'];
    for (const text of meanwhile) await ada.send(text);
    await ada.waitForMessages(meanwhile);
    await bea.page.waitForTimeout(1_000);
    assert.deepEqual((await bea.messages()).map((m) => m.text), before, 'nothing arrives while cut off');

    refusing = false;
    await bea.waitOnline();
    const seen = await bea.waitForMessages([...before, ...meanwhile], 20_000);
    assert.deepEqual(seen.map((m) => m.text), [...before, ...meanwhile]);
    assertNoDuplicates(seen, 'Bea');
    await bea.page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  step('scrolling up loads older pages, without gaps or repeats', async () => {
    const count = 70;
    const roomId = decodeURIComponent(new URL(ada.page.url()).hash.replace('#/rooms/', ''));
    for (let i = 1; i <= count; i++) {
      const result = await ada.graphql(
        'mutation($input: SendMessageInput!) { sendMessage(input: $input) { seq } }',
        { input: { roomId, content: `History ${i}`, clientMessageId: `history-${i}-${suffix()}` } },
      );
      assert.ok(result.data?.sendMessage?.seq, JSON.stringify(result.errors));
    }
    await bea.page.reload();
    await bea.page.waitForSelector('[data-testid=composer]');
    const newest = await bea.waitForMessages([`History ${count}`]);
    assert.ok(newest.length < count + 8, 'starts with the newest page only');

    await waitFor(
      'the start of the room after scrolling up',
      async () => {
        await bea.page.$eval('[data-testid=messages]', (el) => el.scrollTo({ top: 0 }));
        return (await bea.page.locator('.room-start').count()) === 1;
      },
      20_000,
    );
    const all = await bea.messages();
    assertNoDuplicates(all, 'Bea');
    assert.deepEqual(all.map((m) => m.seq), all.map((_, i) => i + 1), 'every seq from 1, no gap');
    const history = all.filter((m) => m.text.startsWith('History ')).map((m) => m.text);
    assert.deepEqual(history, Array.from({ length: count }, (_, i) => `History ${i + 1}`));
    // Ada got them all live, in order.
    const live = (await ada.messages()).filter((m) => m.text.startsWith('History ')).map((m) => m.text);
    assert.deepEqual(live, history);
  });

  step('a retried send (same clientMessageId) is stored once', async () => {
    const roomId = decodeURIComponent(new URL(ada.page.url()).hash.replace('#/rooms/', ''));
    const input = { roomId, content: 'Sent twice, stored once', clientMessageId: `retry-${suffix(8)}` };
    const send = () => ada.graphql('mutation($input: SendMessageInput!) { sendMessage(input: $input) { id seq } }', { input });
    const first = await send();
    const second = await send();
    assert.deepEqual(second.data.sendMessage, first.data.sendMessage);
    await ada.waitForMessages(['Sent twice, stored once']);
    await bea.waitForMessages(['Sent twice, stored once']);
    const count = (await bea.messageTexts()).filter((t) => t === 'Sent twice, stored once').length;
    assert.equal(count, 1);
  });

  step('a send whose answer is lost is shown once (retried with the same clientMessageId)', async () => {
    const text = 'This one survives a lost answer';
    const sends = [];
    await ada.page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('SendMessage')) return route.continue();
      sends.push(JSON.parse(body).variables.input.clientMessageId);
      if (sends.length === 1) {
        await route.fetch(); // reaches ChatX, which stores the message…
        return route.abort('connectionreset'); // …but the answer never arrives
      }
      return route.continue();
    });
    await ada.send(text);
    await ada.waitForMessages([text]);
    await bea.waitForMessages([text]);
    await ada.page.unroute('**/graphql');
    for (const person of [ada, bea]) {
      assert.equal((await person.messageTexts()).filter((t) => t === text).length, 1, `${person.username} sees it once`);
    }
    assert.ok(sends.length >= 1);
    assert.equal(new Set(sends).size, 1, 'every try used the same clientMessageId');
  });

  step('a public room: preview, join, talk', async () => {
    const open = await bea.createRoom('Random');
    await ada.openRoom(open);
    await ada.page.waitForSelector('[data-testid=join-public]');
    await ada.page.click('[data-testid=join-public]');
    await ada.page.waitForSelector('[data-testid=composer]');
    await ada.send('Hello from the public room');
    await bea.waitForMessages(['Hello from the public room']);
  });

  step('a full room says so', async () => {
    const tiny = await bea.createRoom('Just me', { maxMembers: 1 });
    await ada.openRoom(tiny);
    await ada.page.click('[data-testid=join-public]');
    const error = await ada.page.waitForSelector('.join-bar .form-error:visible');
    assert.equal(await error.innerText(), 'This room is full: it has reached its member limit.');
  });

  step('search filters the room list', async () => {
    await ada.page.fill('.search-input', 'launch');
    await waitFor('only matching rooms', async () => {
      const names = await ada.page.$$eval('[data-testid=room-item]', (els) => els.map((el) => el.getAttribute('data-room-name')));
      return names.length > 0 && names.every((n) => n.toLowerCase().includes('launch')) && names.includes(room);
    });
    await ada.page.fill('.search-input', '');
  });

  step('deleting a room sends everyone back to the list', async () => {
    await ada.openRoom(room);
    await bea.openRoom(room);
    await bea.page.waitForSelector('[data-testid=composer]');
    await ada.page.click('[data-testid=delete-room]');
    await ada.page.click('[data-testid=confirm]');
    const toast = await bea.page.waitForSelector('[data-testid=toast]');
    assert.match(await toast.innerText(), /was deleted/);
    await bea.page.waitForSelector('.welcome');
    await waitFor('the room gone from both lists', async () =>
      (await bea.roomItem(room).count()) === 0 && (await ada.roomItem(room).count()) === 0,
    );
    assert.deepEqual([...ada.errors, ...bea.errors], [], 'no uncaught errors in the pages');
  });
});
