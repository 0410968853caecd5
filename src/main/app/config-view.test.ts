import { describe, expect, it } from 'vitest';
import { parseConfig } from '../core/config/load';
import { applyConfigPatch, maskConfig } from './config-view';

const current = parseConfig({ node: { url: 'https://nodo.example/node', password: 'realpass123', subscriptionKey: 'REAL-KEY' } });

describe('config/update and the node secrets (issue #10 §4)', () => {
  it('keeps the stored secrets while the node stays the same', () => {
    const next = applyConfigPatch(current, { node: { url: 'https://nodo.example/node/v2', password: null, subscriptionKey: null } });
    expect(next.node).toMatchObject({ password: 'realpass123', subscriptionKey: 'REAL-KEY' });
  });

  it('a new host, scheme or port drops the stored password and key: they must be entered again', () => {
    for (const url of ['https://evil.example/node', 'https://nodo.example:8443/node', 'http://127.0.0.1:9/node']) {
      const next = applyConfigPatch(current, { node: { url } });
      expect(next.node.password).not.toBe('realpass123');
      expect(next.node.subscriptionKey).toBeUndefined();
    }
    const withNew = applyConfigPatch(current, { node: { url: 'https://other.example/n', password: 'newpass1234', subscriptionKey: 'NEW' } });
    expect(withNew.node).toMatchObject({ password: 'newpass1234', subscriptionKey: 'NEW' });
  });

  it('refuses a plain-http node that is not on this machine', () => {
    expect(() => applyConfigPatch(current, { node: { url: 'http://nodo.example/node' } })).toThrow(/https/);
  });
});

describe('the configuration view and its secrets (issue #11 §8)', () => {
  it('leaves the secret fields out of the JSON (no "password": null) and says which are set', () => {
    const view = maskConfig(current);
    const text = JSON.stringify(view.config);
    expect(text).not.toContain('realpass123');
    expect(text).not.toContain('REAL-KEY');
    expect(text).not.toMatch(/"password"|"subscriptionKey"|"clientSecret"/);
    expect(view.config).toMatchObject({ node: { url: 'https://nodo.example/node' } });
    expect(view.secretsSet).toMatchObject({ 'node.password': true, 'node.subscriptionKey': true });
    expect(Object.keys(view.secretsSet)).toEqual(view.secretPaths);
  });

  it('saving the view back as it is keeps every stored secret', () => {
    const next = applyConfigPatch(current, maskConfig(current).config);
    expect(next.node).toMatchObject({ password: 'realpass123', subscriptionKey: 'REAL-KEY' });
  });
});
