/**
 * The public pages in a real browser (Debian's headless Chromium): a reader opens a profile,
 * sees the posts, follows a post's link to its page and a hashtag to its page. Screenshots
 * are left in the temporary directory for a person to look at (named in the diagnostics).
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { makeUserWithToken } from '../helpers/factories.ts';
import { startListeningWoolly } from '../helpers/listening.ts';
import { posted } from '../helpers/statuses.ts';

test('a reader browses a profile, a post and a hashtag', async (t) => {
  const w = await startListeningWoolly(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const profile = await w.request('/api/v1/accounts/update_credentials', {
    method: 'PATCH',
    token: alice.token,
    json: { display_name: 'Alice Knits', note: 'Wool, needles and patience.' },
  });
  assert.equal(profile.status, 200);
  await posted(w, alice.token, { status: 'Casting on a new #sweater today' });
  await posted(w, alice.token, { status: 'Spoiler inside', spoiler_text: 'Pattern reveal' });

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });

  const answer = await page.goto(`${w.base}/@alice`);
  assert.equal(answer?.status(), 200);
  await page.getByRole('heading', { name: 'Alice Knits' }).waitFor();
  assert.ok(await page.getByText('Wool, needles and patience.').isVisible());
  assert.ok(await page.getByText('Pattern reveal').isVisible());
  assert.ok(!(await page.getByText('Spoiler inside').isVisible()), 'the warning hides the text');
  const shot = join(tmpdir(), 'woolly-public-profile.png');
  await page.screenshot({ path: shot, fullPage: true });
  t.diagnostic(`profile page: ${shot}`);

  await page.getByRole('link', { name: '#sweater' }).click();
  await page.getByRole('heading', { name: '#sweater' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/tags/sweater');

  await page.locator('article.status .meta a').first().click();
  await page.waitForURL(/\/@alice\/\d+$/);
  assert.ok(await page.getByText('Casting on a new').isVisible());
  assert.equal(await page.locator('meta[property="og:type"]').getAttribute('content'), 'article');
  await page.screenshot({ path: join(tmpdir(), 'woolly-public-status.png'), fullPage: true });
});
