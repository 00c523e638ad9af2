// Accounts in a real browser: register, sign out, sign in, errors in words, token refresh.
// scripts/e2e starts ChatX with short-lived access tokens (CHATX_E2E_ACCESS_TTL seconds)
// so that the refresh before expiry happens during the test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Person, waitFor } from './harness.mjs';

const ACCESS_TTL_S = Number(process.env.CHATX_E2E_ACCESS_TTL ?? 20);

describe('accounts', () => {
  let browser;
  let ada;

  before(async () => {
    browser = await launchBrowser();
    ada = await Person.open(browser);
  });

  after(async () => {
    await browser?.close();
  });

  it('registers, then shows the signed-in app', async () => {
    const name = await ada.register('carol');
    assert.equal(await ada.page.innerText('[data-testid=current-user]'), name);
    await ada.waitOnline();
    const session = await ada.session();
    assert.ok(session.accessToken && session.refreshToken, 'tokens kept in sessionStorage');
  });

  it('keeps the session across a reload', async () => {
    await ada.page.reload();
    await ada.page.waitForSelector('[data-testid=current-user]');
    assert.equal(await ada.page.innerText('[data-testid=current-user]'), ada.username);
  });

  it('signs out and revokes the refresh token', async () => {
    const { refreshToken } = await ada.session();
    await ada.signOut();
    assert.equal(await ada.session(), null);
    const reuse = await ada.graphql('mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', { t: refreshToken });
    assert.equal(reuse.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('says so in words when the password is wrong', async () => {
    await ada.signIn(ada.username, 'not-the-password');
    const error = await ada.page.waitForSelector('[data-testid=auth-error]:visible');
    assert.equal(await error.innerText(), 'Wrong username/email or password.');
  });

  it('signs in again with the email address', async () => {
    await ada.signIn(`${ada.username}@example.com`, ada.password);
    await ada.page.waitForSelector('[data-testid=current-user]');
    await ada.waitOnline();
  });

  it('recovers from a refused access token: refresh, then reconnect (HTTP UNAUTHENTICATED, WebSocket 4401)', async () => {
    const before = await ada.session();
    await ada.page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('chatx.session'));
      sessionStorage.setItem('chatx.session', JSON.stringify({ ...session, accessToken: 'not-a-valid-token' }));
    });
    await ada.page.reload();
    await ada.page.waitForSelector('[data-testid=current-user]');
    await ada.waitOnline();
    const after = await ada.session();
    assert.notEqual(after.refreshToken, before.refreshToken, 'refreshed once');
    const me = await ada.graphql('{ me { username } }');
    assert.equal(me.data?.me?.username, ada.username);
  });

  it('says so in words when a username is taken', async () => {
    const other = await Person.open(browser);
    try {
      await other.page.click('.tab:has-text("Create account")');
      await other.page.fill('input[name=username]', ada.username);
      await other.page.fill('input[name=email]', `someone-else-${Date.now()}@example.com`);
      await other.page.fill('input[name=password]', 'another-password');
      await other.page.click('.auth-form button[type=submit]');
      const error = await other.page.waitForSelector('[data-testid=auth-error]:visible');
      assert.equal(await error.innerText(), 'That username or email is already taken.');
    } finally {
      await other.close();
    }
  });

  it('refreshes the access token before it expires, and keeps working', { timeout: (ACCESS_TTL_S + 30) * 1000 }, async () => {
    const first = await ada.session();
    const refreshed = await waitFor(
      'the access token to be refreshed',
      async () => {
        const now = await ada.session();
        return now && now.refreshToken !== first.refreshToken ? now : null;
      },
      (ACCESS_TTL_S + 10) * 1000,
    );
    assert.ok(refreshed.expiresAt > first.expiresAt, 'the new token expires later');
    assert.ok(Date.now() < first.expiresAt, 'refreshed before the old token expired');
    assert.notEqual(refreshed.accessToken, first.accessToken);

    // The new token works, over HTTP and for a new WebSocket connection.
    const me = await ada.graphql('{ me { username } }');
    assert.equal(me.data?.me?.username, ada.username);
    await ada.page.reload();
    await ada.waitOnline();

    // The old refresh token was spent by the rotation.
    const spent = await ada.graphql('mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', { t: first.refreshToken });
    assert.equal(spent.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('goes back to sign-in, saying why, when the session is revoked', { timeout: (ACCESS_TTL_S + 30) * 1000 }, async () => {
    // Reusing a spent refresh token (above) revoked the whole sign-in: the next refresh fails.
    const notice = await ada.page.waitForSelector('[data-testid=auth-notice]', { timeout: (ACCESS_TTL_S + 10) * 1000 });
    assert.match(await notice.innerText(), /session has ended/i);
    assert.equal(await ada.session(), null);
    assert.deepEqual(ada.errors, [], 'no uncaught errors in the page');
  });
});
