import { describe, expect, it } from 'vitest';
import { tokenFromEnvironment } from '../../../../src-main/cli/commands/serve';

describe('serve’s access token from $LATENT_LAB_TOKEN', () => {
  it('is absent (a new random token each start) when the variable is unset or empty', () => {
    expect(tokenFromEnvironment({})).toBeUndefined();
    expect(tokenFromEnvironment({ LATENT_LAB_TOKEN: '' })).toBeUndefined();
  });

  it('is taken as given when it is long enough and URL-safe', () => {
    expect(tokenFromEnvironment({ LATENT_LAB_TOKEN: '0123456789abcdef_-XY' })).toBe('0123456789abcdef_-XY');
  });

  it.each([
    ['too short', 'abc123'],
    ['with characters a URL would mangle', 'abcdefgh&ijklmnop=q'],
    ['with spaces', 'abcdefgh ijklmnopq'],
  ])('is refused %s, saying how to make one', (_what, token) => {
    expect(() => tokenFromEnvironment({ LATENT_LAB_TOKEN: token })).toThrow(/\$LATENT_LAB_TOKEN must be 16 to 256 letters, digits, - or _ \(make one with `openssl rand -hex 24`\)/);
  });
});
