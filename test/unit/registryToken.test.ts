import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenCache } from '../../src/registry/v2/tokenCache';
import { readTokenAnswer, splitScopes, tokenRequest } from '../../src/registry/v2/tokenRequest';

const realm = { realm: 'https://auth.example/token?client=x', service: 'registry.example' };

test('token requests: GET with one scope parameter per scope and Basic credentials; an identity token POSTs a refresh-token grant', () => {
  const get = tokenRequest(realm, splitScopes('repository:a/b:pull,push repository:c:pull'), { username: 'ann', password: 's3cret' });
  assert.equal(get.method, 'GET');
  const url = new URL(get.url);
  assert.equal(url.origin + url.pathname, 'https://auth.example/token');
  assert.deepEqual(url.searchParams.getAll('scope'), ['repository:a/b:pull,push', 'repository:c:pull']);
  assert.deepEqual([url.searchParams.get('client'), url.searchParams.get('service'), url.searchParams.get('account')], ['x', 'registry.example', 'ann']);
  assert.equal(get.headers.Authorization, `Basic ${Buffer.from('ann:s3cret').toString('base64')}`);
  assert.doesNotMatch(get.url, /s3cret/);

  const anonymous = tokenRequest({ realm: 'http://127.0.0.1:9/token' }, [], undefined);
  assert.deepEqual(anonymous, { url: 'http://127.0.0.1:9/token', method: 'GET', headers: {} });

  const post = tokenRequest(realm, ['registry:catalog:*', 'repository:a:pull'], { username: 'ann', identitytoken: 'refresh-1' });
  assert.equal(post.method, 'POST');
  assert.equal(post.headers.Authorization, undefined);
  const form = new URLSearchParams(post.body);
  assert.deepEqual(Object.fromEntries(form), {
    grant_type: 'refresh_token',
    refresh_token: 'refresh-1',
    client_id: 'dockside',
    service: 'registry.example',
    scope: 'registry:catalog:* repository:a:pull',
  });
});

test('token answers: `token` or OAuth2 `access_token`, with `expires_in`; nothing without a token', () => {
  assert.deepEqual(readTokenAnswer('{"token":"t1","expires_in":300}'), { authorization: 'Bearer t1', expiresIn: 300 });
  assert.deepEqual(readTokenAnswer('{"access_token":"t2"}'), { authorization: 'Bearer t2', expiresIn: 0 });
  assert.equal(readTokenAnswer('{"token":""}'), undefined);
  assert.equal(readTokenAnswer('<html>'), undefined);
});

test('the token cache keeps a token per scope until a tenth of its life (at most 10 s) before it expires', async () => {
  let now = 1_000_000;
  const cache = new TokenCache(() => now);
  let fetched = 0;
  const fetch = (expiresIn: number) => async () => ({ authorization: `Bearer ${++fetched}`, expiresIn });
  assert.equal(await cache.obtain('repository:a:pull', fetch(300)), 'Bearer 1');
  assert.equal(await cache.obtain('repository:a:pull', fetch(300)), 'Bearer 1');
  assert.equal(await cache.obtain('repository:b:pull', fetch(300)), 'Bearer 2', 'another scope has its own token');
  now += 289_999;
  assert.equal(cache.get('repository:a:pull'), 'Bearer 1');
  now += 1;
  assert.equal(cache.get('repository:a:pull'), undefined, 'renewed 10 s before a 300 s token expires');
  assert.equal(await cache.obtain('repository:a:pull', fetch(20)), 'Bearer 3');
  now += 17_999;
  assert.equal(cache.get('repository:a:pull'), 'Bearer 3');
  now += 1;
  assert.equal(cache.get('repository:a:pull'), undefined, 'a 20 s token is renewed 2 s early');
  // No `expires_in`: the spec's 60 s.
  assert.equal(await cache.obtain('', fetch(0)), 'Bearer 4');
  now += 53_999;
  assert.equal(cache.get(''), 'Bearer 4');
  now += 1;
  assert.equal(cache.get(''), undefined);
});

test('the token cache shares one fetch per scope, keeps no failure, and refetches only the token the registry refused', async () => {
  const cache = new TokenCache(() => 0);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let fetched = 0;
  const slow = async () => {
    fetched++;
    await gate;
    return { authorization: `Bearer ${fetched}`, expiresIn: 300 };
  };
  const waiting = [cache.obtain('s', slow), cache.obtain('s', slow), cache.refetch('s', slow, undefined)];
  release();
  assert.deepEqual(await Promise.all(waiting), ['Bearer 1', 'Bearer 1', 'Bearer 1']);
  assert.equal(fetched, 1);

  const failing = async () => {
    throw new Error('token service down');
  };
  await assert.rejects(cache.refetch('t', failing), /token service down/);
  assert.equal(cache.get('t'), undefined);
  assert.equal(await cache.obtain('t', async () => ({ authorization: 'Bearer fine', expiresIn: 300 })), 'Bearer fine');

  // Refused "Bearer 1": a new one is fetched; a request refused with an older token takes the new one without a fetch.
  assert.equal(await cache.refetch('s', async () => ({ authorization: 'Bearer 2', expiresIn: 300 }), 'Bearer 1'), 'Bearer 2');
  assert.equal(await cache.refetch('s', async () => assert.fail('no fetch for a token already replaced'), 'Bearer 1'), 'Bearer 2');
});
