import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandHome, expandOptionalHome } from '../../../../src-main/host/expand-home';

describe('expandHome', () => {
  it.each([
    ['~', '/home/ada'],
    ['~/data/mnist', join('/home/ada', 'data/mnist')],
    ['/srv/~/x', '/srv/~/x'],
    ['data/~', 'data/~'],
    ['~bob/data', '~bob/data'],
    ['', ''],
  ])('reads %j as %j', (typed, expected) => {
    expect(expandHome(typed, '/home/ada')).toBe(expected);
  });

  it('leaves an absent path absent', () => {
    expect(expandOptionalHome(undefined)).toBeUndefined();
  });
});
