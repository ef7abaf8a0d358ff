import { describe, expect, it } from 'vitest';
import { isNeverLogged, withOwnDomain } from './never-log';

describe('withOwnDomain', () => {
  it('adds the rep\'s company domain to the never-log list, once', () => {
    expect(withOwnDomain(['me@home.net'], 'Northwind.example')).toEqual(['me@home.net', 'northwind.example']);
    const list = ['northwind.example'];
    expect(withOwnDomain(list, 'northwind.example')).toBe(list);
    expect(withOwnDomain(list, null)).toBe(list);
  });

  it('then covers the company\'s subdomains and addresses', () => {
    const list = withOwnDomain([], 'northwind.example');
    expect(isNeverLogged('mail.northwind.example', list)).toBe(true);
    expect(isNeverLogged('priya@northwind.example', list)).toBe(true);
    expect(isNeverLogged('buyer@globex.example', list)).toBe(false);
  });
});
