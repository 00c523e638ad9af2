// ChatX's GraphiQL in a real browser with every request to anything but this machine
// blocked: the page must load all it needs from ChatX, render the editor, and run a query
// with the Authorization header typed into its headers editor.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, suffix, waitFor } from './harness.mjs';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Register a fresh user over HTTP and return {username, accessToken}. */
async function registerUser() {
  const username = `graphiql-${suffix(8)}`;
  const response = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $e: String!, $p: String!) { register(input: {username: $u, email: $e, password: $p}) { accessToken } }',
      variables: { u: username, e: `${username}@example.com`, p: 'correct-horse-battery' },
    }),
  });
  const body = await response.json();
  assert.ok(body.data?.register?.accessToken, `registered: ${JSON.stringify(body)}`);
  return { username, accessToken: body.data.register.accessToken };
}

/** Set the text of the CodeMirror editor found by `selector`, as typing would. */
async function setEditor(page, selector, text) {
  await page.$eval(selector, (el, value) => el.CodeMirror.setValue(value), text);
}

describe('GraphiQL offline', () => {
  let browser;
  let context;
  let page;
  const blocked = [];
  const problems = [];

  before(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // The network: this machine only. Anything else is refused and recorded.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  });

  after(async () => {
    await browser?.close();
  });

  it('renders the editor from local assets only', async () => {
    await page.goto(`${BASE_URL}/graphiql`);
    assert.match(new URL(page.url()).search, /path=%2Fgraphql|path=\/graphql/);
    await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror');
    await page.waitForSelector('.graphiql-execute-button');
    assert.deepEqual(blocked, [], 'no request left this machine');
    assert.deepEqual(problems, [], 'no script error, CSP violation or failed request');
  });

  it('runs { me { username } } with an Authorization header from the headers editor', async () => {
    const user = await registerUser();
    await setEditor(page, '.graphiql-query-editor .CodeMirror', '{ me { username } }');
    // The headers editor is the visible one of the editor tools (variables | headers).
    await setEditor(
      page,
      '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror',
      JSON.stringify({ Authorization: `Bearer ${user.accessToken}` }),
    );
    await page.click('.graphiql-execute-button');
    const result = await waitFor('the result of the query', async () => {
      const text = await page.$eval('.graphiql-response .CodeMirror', (el) => el.CodeMirror.getValue());
      return text.includes('username') || text.includes('errors') ? JSON.parse(text) : null;
    });
    assert.deepEqual(result, { data: { me: { username: user.username } } });
    assert.deepEqual(blocked, [], 'no request left this machine');
    assert.deepEqual(problems, [], 'no script error, CSP violation or failed request');
  });
});
