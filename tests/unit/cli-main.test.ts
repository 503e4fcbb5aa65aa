import { describe, expect, it } from 'vitest';
import { commandCatalog } from '../../bin/catalog';
import { main } from '../../bin/main';
import { capture } from '../support/cli';

describe('secondlook CLI entry', () => {
  it('prints help listing every catalogued command', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('usage: secondlook <command>');
  });
  it('rejects an unknown command with a JSON error and exit 2', async () => {
    const io = capture();
    expect(await main(['no-such-command', '--json'], io)).toBe(2);
    expect(JSON.parse(io.out.join(''))).toEqual({
      error: {
        code: 'USAGE',
        message: 'unknown command "no-such-command"',
        offset: null,
        file: null,
      },
    });
  });

  it.each(commandCatalog.map((entry) => entry.name))(
    'has a module that exports the catalogued command "%s"',
    async (name) => {
      const loaded = (await import(`../../bin/commands/${name}.ts`)) as { command?: unknown };
      expect(loaded.command).toMatchObject({ run: expect.any(Function) });
    },
  );
});
