import { describe, expect, it } from 'vitest';
import { readyUrl } from '../ready-url.js';

// Issue 10 finding 8: the banner said http://localhost:… even when HOST was an address it does not cover.
describe('start-up banner address', () => {
  it.each([
    ['0.0.0.0', 'http://localhost:3000'],
    ['::', 'http://localhost:3000'],
    ['127.0.0.1', 'http://127.0.0.1:3000'],
    ['192.168.1.10', 'http://192.168.1.10:3000'],
    ['::1', 'http://[::1]:3000'],
    ['vanhien.local', 'http://vanhien.local:3000'],
  ])('HOST=%s → %s', (host, url) => {
    expect(readyUrl(host, 3000)).toBe(url);
  });
});
