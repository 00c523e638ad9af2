// A message's life between two people, one on a desktop window and one on a phone-sized
// one (390x844): edits (with the Edit action and the Up arrow) seen live as "(edited)",
// replies quoting their parent, reactions from the picker with live counts, deletion with
// a confirmation leaving a tombstone, and after a reload or a time offline each screen
// shows what the server's history says.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Person, waitFor } from './harness.mjs';

let browser;
let ada;
let bea;

// The steps build on each other (one room, one conversation): after a failed step the
// rest fail at once, naming it.
let failedStep = null;
function step(name, fn) {
  it(name, async (t) => {
    if (failedStep) throw new Error(`not run: an earlier step failed: ${failedStep}`);
    try {
      await fn(t);
    } catch (err) {
      failedStep = name;
      // What the app told the user (a refused mutation shows as a toast) helps the most.
      for (const person of [ada, bea]) {
        const toasts = await person?.page.$$eval('[data-testid=toast]', (els) => els.map((el) => el.textContent)).catch(() => []);
        if (toasts?.length) err.message += `\n${person.username}'s toasts: ${toasts.join(' | ')}`;
      }
      throw err;
    }
  });
}

/** The messages on `person`'s screen: text, edited, deleted, quote and reactions ("👍2*": * = mine). */
async function screenState(person) {
  return person.page.$$eval('[data-testid=message][data-state=confirmed]', (els) =>
    els.map((el) => {
      const quote = el.querySelector('[data-testid=reply-quote]');
      return {
        seq: Number(el.getAttribute('data-seq')),
        text: el.querySelector('.bubble-text')?.textContent ?? '',
        edited: !!el.querySelector('[data-testid=edited]'),
        deleted: el.getAttribute('data-deleted') === 'true',
        quote: quote ? `${quote.querySelector('strong').textContent}: ${quote.querySelector('.reply-quote-text').textContent}` : null,
        reactions: [...el.querySelectorAll('[data-testid=reaction]')]
          .map((chip) => `${chip.dataset.emoji}${chip.dataset.count}${chip.dataset.mine === 'true' ? '*' : ''}`)
          .join(' '),
      };
    }),
  );
}

/** The same, from the server's history (`messages()`) as `person` sees it. */
async function serverState(person, roomId) {
  const result = await person.graphql(
    `query($roomId: ID!) { messages(roomId: $roomId, last: 100) { edges { node {
        seq content deleted editedAt
        replyTo { content deleted author { username } }
        reactions { emoji count mine } } } } }`,
    { roomId },
  );
  assert.ok(result.data, JSON.stringify(result.errors));
  return result.data.messages.edges.map(({ node }) => ({
    seq: Number(node.seq),
    text: node.deleted ? 'message deleted' : node.content,
    edited: !!node.editedAt && !node.deleted,
    deleted: node.deleted,
    quote: node.replyTo && !node.deleted ? `${node.replyTo.author.username}: ${node.replyTo.deleted ? 'message deleted' : node.replyTo.content}` : null,
    reactions: node.reactions.map((r) => `${r.emoji}${r.count}${r.mine ? '*' : ''}`).join(' '),
  }));
}

/** Wait until `person`'s screen shows exactly what the server says. */
async function waitForServerState(person, roomId, timeout) {
  let screen = [];
  let server = [];
  try {
    await waitFor(
      `${person.username}'s screen to match the server`,
      async () => {
        server = await serverState(person, roomId);
        screen = await screenState(person);
        return JSON.stringify(screen) === JSON.stringify(server);
      },
      timeout,
    );
  } catch (err) {
    err.message += `\nscreen: ${JSON.stringify(screen, null, 1)}\nserver: ${JSON.stringify(server, null, 1)}`;
    throw err;
  }
  return screen;
}

function messageRow(person, text) {
  return person.page.locator('[data-testid=message][data-state=confirmed]', { has: person.page.locator('.bubble-text', { hasText: text }) });
}

async function stateOf(person, text) {
  return (await screenState(person)).find((m) => m.text === text);
}

/** Click one of a message's actions, the way the person would see them. */
async function messageAction(person, text, action, { touch = false } = {}) {
  const row = messageRow(person, text);
  if (touch) await row.locator('.bubble').click();
  else await row.hover();
  await row.locator(`[data-testid=${action}]`).click();
}

describe('a message’s life: edit, reply, react, delete', () => {
  let room;
  let roomId;

  before(async () => {
    browser = await launchBrowser();
    ada = await Person.open(browser);
    bea = await Person.open(browser, { viewport: { width: 390, height: 844 } });
    await ada.register('ada');
    await bea.register('bea');
    await ada.waitOnline();
    await bea.waitOnline();
  });

  after(async () => {
    await browser?.close();
  });

  step('two people in a room, a few messages', async () => {
    room = await ada.createRoom('Lunch plans');
    roomId = decodeURIComponent(new URL(ada.page.url()).hash.replace('#/rooms/', ''));
    await bea.openRoom(room);
    await bea.page.click('[data-testid=join-public]');
    await bea.page.waitForSelector('[data-testid=composer]');
    await ada.send('Lunch at noon?');
    await ada.send('The deploy is at 3 pm');
    await ada.waitForMessages(['Lunch at noon?', 'The deploy is at 3 pm']);
    await bea.send('Sounds good');
    await bea.waitForMessages(['Lunch at noon?', 'The deploy is at 3 pm', 'Sounds good']);
    await ada.waitForMessages(['Lunch at noon?', 'The deploy is at 3 pm', 'Sounds good']);
  });

  step('an edit with the Edit action: Enter saves, the other sees "(edited)" live', async () => {
    await messageAction(ada, 'The deploy is at 3 pm', 'edit');
    assert.equal(await ada.page.inputValue('[data-testid=composer]'), 'The deploy is at 3 pm', 'the composer holds the text');
    assert.match(await ada.page.innerText('[data-testid=composer-context]'), /Editing your message/);
    await ada.page.fill('[data-testid=composer]', 'The deploy is at 4 pm');
    await ada.page.press('[data-testid=composer]', 'Enter');
    assert.equal(await ada.page.inputValue('[data-testid=composer]'), '', 'the composer is empty again');

    await waitFor('Bea to see the edit', async () => (await stateOf(bea, 'The deploy is at 4 pm'))?.edited);
    assert.equal(await stateOf(bea, 'The deploy is at 3 pm'), undefined, 'the old text is gone');
    const title = await messageRow(bea, 'The deploy is at 4 pm').locator('[data-testid=edited]').getAttribute('title');
    assert.match(title, /^Edited /, '"(edited)" tells when');
    await waitFor('Ada to see her edit', async () => (await stateOf(ada, 'The deploy is at 4 pm'))?.edited);
    assert.equal((await stateOf(ada, 'Lunch at noon?')).edited, false);
  });

  step('Escape cancels an edit and gives back the draft', async () => {
    await ada.page.fill('[data-testid=composer]', 'half a thought');
    await messageAction(ada, 'Lunch at noon?', 'edit');
    await ada.page.fill('[data-testid=composer]', 'Lunch at 1?');
    await ada.page.press('[data-testid=composer]', 'Escape');
    assert.equal(await ada.page.inputValue('[data-testid=composer]'), 'half a thought');
    assert.equal(await ada.page.locator('[data-testid=composer-context]:visible').count(), 0);
    await ada.page.waitForTimeout(500);
    assert.equal((await stateOf(bea, 'Lunch at noon?')).edited, false, 'nothing was saved');
    await ada.page.fill('[data-testid=composer]', '');
  });

  step('the Up arrow in an empty composer edits the last own message', async () => {
    await ada.page.focus('[data-testid=composer]');
    await ada.page.keyboard.press('ArrowUp');
    // Bea wrote the last message; Ada's last one is the deploy time.
    assert.equal(await ada.page.inputValue('[data-testid=composer]'), 'The deploy is at 4 pm');
    await ada.page.fill('[data-testid=composer]', 'The deploy is at 4:30 pm');
    await ada.page.keyboard.press('Enter');
    await waitFor('Bea to see the second edit', async () => (await stateOf(bea, 'The deploy is at 4:30 pm'))?.edited);
  });

  step('replies quote their parent, for both', async () => {
    await messageAction(ada, 'Sounds good', 'reply');
    assert.equal(await ada.page.innerText('[data-testid=composer-context]'), `Replying to ${bea.username}: Sounds good`);
    await ada.send('Great, see you there');
    assert.equal(await ada.page.locator('[data-testid=composer-context]:visible').count(), 0, 'the reply bar is gone after sending');

    // Bea, on the phone, taps her way to the actions.
    await messageAction(bea, 'Lunch at noon?', 'reply', { touch: true });
    await bea.page.waitForSelector('[data-testid=composer-context]:visible');
    await bea.send('Noon works for me');

    for (const person of [ada, bea]) {
      await waitFor(`${person.username} to see both replies`, async () =>
        (await stateOf(person, 'Great, see you there'))?.quote === `${bea.username}: Sounds good` &&
        (await stateOf(person, 'Noon works for me'))?.quote === `${ada.username}: Lunch at noon?`,
      );
    }
    // A reply cancelled with Escape sends a plain message.
    await messageAction(ada, 'Sounds good', 'reply');
    await ada.page.press('[data-testid=composer]', 'Escape');
    await ada.send('Not a reply');
    await waitFor('the plain message', async () => (await stateOf(bea, 'Not a reply'))?.quote === null);
  });

  step('reactions: from the picker, live counts, a chip click toggles ours', async () => {
    await messageAction(bea, 'Lunch at noon?', 'react', { touch: true });
    await bea.page.waitForSelector('[data-testid=reaction-picker]');
    await bea.page.click('[data-testid=reaction-picker] [data-emoji="👍"]');
    assert.equal(await bea.page.locator('[data-testid=reaction-picker]').count(), 0, 'the picker closes');
    await waitFor('Ada to see Bea’s 👍', async () => (await stateOf(ada, 'Lunch at noon?'))?.reactions === '👍1');
    await waitFor('Bea to see hers', async () => (await stateOf(bea, 'Lunch at noon?'))?.reactions === '👍1*');

    const chip = messageRow(ada, 'Lunch at noon?').locator('[data-testid=reaction][data-emoji="👍"]');
    await chip.click();
    await waitFor('Ada’s 👍 counted', async () => (await stateOf(ada, 'Lunch at noon?'))?.reactions === '👍2*');
    await waitFor('Bea to see 2', async () => (await stateOf(bea, 'Lunch at noon?'))?.reactions === '👍2*');
    assert.equal(await chip.getAttribute('aria-pressed'), 'true');
    await chip.click();
    await waitFor('Ada’s 👍 taken back', async () => (await stateOf(ada, 'Lunch at noon?'))?.reactions === '👍1');
    await waitFor('Bea to see 1', async () => (await stateOf(bea, 'Lunch at noon?'))?.reactions === '👍1*');

    // By keyboard: Tab reaches the actions, Enter opens the picker, arrows move, Enter picks.
    const react = messageRow(ada, 'Lunch at noon?').locator('[data-testid=react]');
    await react.focus();
    await ada.page.keyboard.press('Enter');
    await ada.page.waitForSelector('[data-testid=reaction-picker]');
    for (let i = 0; i < 3; i++) await ada.page.keyboard.press('ArrowRight');
    assert.equal(await ada.page.evaluate(() => document.activeElement?.getAttribute('data-emoji')), '🎉');
    await ada.page.keyboard.press('Enter');
    await waitFor('Bea to see 🎉 after 👍', async () => (await stateOf(bea, 'Lunch at noon?'))?.reactions === '👍1* 🎉1');
    assert.equal(await ada.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'react', 'focus back on the button');

    // The picker shows ours as pressed; picking it again takes it back.
    await messageAction(ada, 'Lunch at noon?', 'react');
    const party = ada.page.locator('[data-testid=reaction-picker] [data-emoji="🎉"]');
    assert.equal(await party.getAttribute('aria-pressed'), 'true');
    assert.equal(await ada.page.getAttribute('[data-testid=reaction-picker] [data-emoji="👍"]', 'aria-pressed'), 'false');
    await party.click();
    await waitFor('Bea to see the 🎉 gone', async () => (await stateOf(bea, 'Lunch at noon?'))?.reactions === '👍1*');
  });

  step('delete with a confirmation: the other sees the tombstone, the reply’s quote too', async () => {
    // Cancelled first: nothing happens, the focus goes back to the button.
    await messageAction(ada, 'Lunch at noon?', 'delete');
    await ada.page.waitForSelector('.dialog');
    assert.equal(await ada.page.evaluate(() => document.activeElement?.textContent), 'Cancel', 'a destructive dialog starts on Cancel');
    await ada.page.keyboard.press('Escape');
    assert.equal(await ada.page.locator('.dialog').count(), 0);
    assert.equal(await ada.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'delete');
    assert.equal((await stateOf(ada, 'Lunch at noon?')).deleted, false);

    // Then confirmed with the keyboard: Enter on the focused Delete opens it, Tab, Enter.
    await ada.page.keyboard.press('Enter');
    await ada.page.waitForSelector('.dialog');
    await ada.page.keyboard.press('Tab');
    assert.equal(await ada.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'confirm');
    await ada.page.keyboard.press('Enter');

    for (const person of [bea, ada]) {
      await waitFor(`${person.username} to see the tombstone`, async () => {
        const screen = await screenState(person);
        const tombstone = screen.find((m) => m.deleted);
        const reply = screen.find((m) => m.text === 'Noon works for me');
        return tombstone?.text === 'message deleted' && tombstone.reactions === '' && reply?.quote === `${ada.username}: message deleted`;
      });
    }
    assert.equal(await messageRow(bea, 'message deleted').locator('[data-testid=react]').count(), 0, 'a tombstone has no actions');
    await waitFor('the focus back in the composer', async () =>
      (await ada.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'composer',
    );
    // Bea is not the room's creator: she may delete only her own messages.
    assert.equal(await messageRow(bea, 'The deploy is at 4:30 pm').locator('[data-testid=delete]').count(), 0);
    assert.equal(await messageRow(bea, 'Sounds good').locator('[data-testid=delete]').count(), 1);
    // Ada created the room: it offers her the deletion of anyone's message.
    assert.equal(await messageRow(ada, 'Sounds good').locator('[data-testid=delete]').count(), 1);
  });

  step('a reload shows the same state as the server', async () => {
    const beforeAda = await waitForServerState(ada, roomId);
    const beforeBea = await waitForServerState(bea, roomId);
    await Promise.all([ada.page.reload(), bea.page.reload()]);
    for (const person of [ada, bea]) await person.page.waitForSelector('[data-testid=composer]');
    assert.deepEqual(await waitForServerState(ada, roomId), beforeAda);
    assert.deepEqual(await waitForServerState(bea, roomId), beforeBea);
    await ada.waitOnline();
    await bea.waitOnline();
  });

  step('offline and back: the edits, reactions and deletions made meanwhile catch up', async () => {
    await bea.context.setOffline(true);
    await waitFor('Bea’s app to show it is offline', async () => (await bea.connectionStatus()) === 'offline');
    const seenOffline = await screenState(bea);

    await messageAction(ada, 'Great, see you there', 'edit');
    await ada.page.fill('[data-testid=composer]', 'Great, see you at noon');
    await ada.page.press('[data-testid=composer]', 'Enter');
    await messageAction(ada, 'Noon works for me', 'react');
    await ada.page.click('[data-testid=reaction-picker] [data-emoji="😂"]');
    await messageAction(ada, 'Not a reply', 'delete');
    await ada.page.click('[data-testid=confirm]');
    await ada.send('One more thing');
    await waitFor('Ada’s changes stored', async () => {
      const screen = await screenState(ada);
      return (
        screen.some((m) => m.text === 'Great, see you at noon' && m.edited) &&
        screen.some((m) => m.text === 'Noon works for me' && m.reactions === '😂1*') &&
        !screen.some((m) => m.text === 'Not a reply') &&
        screen.some((m) => m.text === 'One more thing')
      );
    });
    assert.deepEqual(await screenState(bea), seenOffline, 'nothing reaches Bea while offline');

    await bea.context.setOffline(false);
    const seen = await waitForServerState(bea, roomId, 30_000);
    const seqs = seen.map((m) => m.seq);
    assert.equal(new Set(seqs).size, seqs.length, 'no message twice');
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'every seq once, in order, tombstones included');
    assert.ok(seen.some((m) => m.text === 'Great, see you at noon' && m.edited));
    await waitForServerState(ada, roomId);
    await bea.waitOnline();
  });

  step('a dropped connection while the other edits and reacts: resumed from the last change', async () => {
    // Route Bea's WebSocket through the test so that it can be cut (no offline event).
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
    // A change after the history page Bea read: her resume cursor is now that event's.
    await messageAction(ada, 'One more thing', 'react');
    await ada.page.click('[data-testid=reaction-picker] [data-emoji="👀"]');
    await waitFor('Bea to see 👀', async () => (await stateOf(bea, 'One more thing'))?.reactions === '👀1');

    refusing = true;
    for (const ws of sockets.splice(0)) await ws.close({ code: 4000, reason: 'test: dropped' });
    await waitFor('Bea’s app to show it is reconnecting', async () => (await bea.connectionStatus()) === 'reconnecting');

    await messageAction(ada, 'One more thing', 'edit');
    await ada.page.fill('[data-testid=composer]', 'One more thing: bring cake');
    await ada.page.press('[data-testid=composer]', 'Enter');
    await messageRow(ada, 'Sounds good').hover();
    await messageRow(ada, 'Sounds good').locator('[data-testid=react]').click();
    await ada.page.click('[data-testid=reaction-picker] [data-emoji="❤️"]');
    const result = await ada.graphql('mutation($m: ID!) { removeReaction(messageId: $m, emoji: "👀") { id } }', {
      m: await messageRow(ada, 'One more thing').getAttribute('data-message-id'),
    });
    assert.ok(result.data, JSON.stringify(result.errors));
    await waitForServerState(ada, roomId);

    refusing = false;
    await bea.waitOnline();
    await waitForServerState(bea, roomId, 20_000);
    assert.equal((await stateOf(bea, 'One more thing: bring cake')).reactions, '', 'the 👀 taken back');
    assert.equal((await stateOf(bea, 'Sounds good')).reactions, '❤️1');
    await bea.page.unrouteAll({ behavior: 'ignoreErrors' });
    assert.deepEqual([...ada.errors, ...bea.errors], [], 'no uncaught errors in the pages');
  });
});
