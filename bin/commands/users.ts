/**
 * `secondlook users add <name> --role R`: a local account; the password comes from stdin (one
 * line) or, on a terminal, a prompt that does not echo.
 * `secondlook users list [--json]`
 * `secondlook users set <name> [--role R] [--disable | --enable] [--password] [--sign-out]`
 * (password as for add; `--sign-out` ends the user's sessions everywhere)
 * Every change is audited with the actor "cli".
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createUser, listUsers, parseRole, updateUser } from '../../lib/auth';
import { SecondlookError } from '../../lib/errors';
import { openStore, storeConfigFromEnv } from '../../lib/store';
import { EXIT_OK, parseCommandArgs, type Command, type CommandIO } from '../command';

const USAGE =
  'usage: secondlook users add <name> --role R | users list [--json] | users set <name> [--role R] [--disable|--enable] [--password] [--sign-out]';

/** One line from stdin: prompted without echo on a terminal, else read as piped. */
export async function readPassword(io: CommandIO): Promise<string> {
  const input = io.stdin as NodeJS.ReadableStream & { isTTY?: boolean };
  if (input.isTTY) io.stderr('password: ');
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input, output: silent, terminal: input.isTTY === true });
  try {
    for await (const line of rl) {
      if (input.isTTY) io.stderr('\n');
      return line;
    }
  } finally {
    rl.close();
  }
  throw new SecondlookError('NO_PASSWORD', 'no password on stdin');
}

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      role: { type: 'string' },
      json: { type: 'boolean' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
      password: { type: 'boolean' },
      'sign-out': { type: 'boolean' },
    });
    const [action, name] = positionals;
    const store = await openStore(storeConfigFromEnv());
    try {
      if (action === 'list' && positionals.length === 1) {
        const users = await listUsers(store.db);
        if (values.json) io.stdout(`${JSON.stringify({ users })}\n`);
        else
          for (const u of users)
            io.stdout(
              `${u.username}\t${u.role}${u.disabled ? '\tdisabled' : ''}` +
                `${u.signedIn ? `\tsigned in (${u.signedIn.sessions})` : ''}\n`,
            );
        return EXIT_OK;
      }
      if (action === 'add' && name && positionals.length === 2) {
        if (!values.role)
          throw new SecondlookError('USAGE', 'users add needs --role radiologist|auditor|admin');
        const user = await createUser(
          store.db,
          { username: name, role: parseRole(values.role), password: await readPassword(io) },
          null,
        );
        io.stdout(
          values.json ? `${JSON.stringify({ user })}\n` : `added ${user.username} (${user.role})\n`,
        );
        return EXIT_OK;
      }
      if (action === 'set' && name && positionals.length === 2) {
        const existing = await store.db.user.findUnique({ where: { username: name } });
        if (!existing) throw new SecondlookError('NOT_FOUND', `no user ${name}`);
        const user = await updateUser(
          store.db,
          existing.id,
          {
            role: values.role === undefined ? undefined : parseRole(values.role),
            disabled: values.disable ? true : values.enable ? false : undefined,
            password: values.password ? await readPassword(io) : undefined,
            signOut: values['sign-out'] === true,
          },
          null,
        );
        io.stdout(
          values.json
            ? `${JSON.stringify({ user })}\n`
            : `updated ${user.username} (${user.role}${user.disabled ? ', disabled' : ''})\n`,
        );
        return EXIT_OK;
      }
      throw new SecondlookError('USAGE', USAGE);
    } finally {
      await store.close();
    }
  },
};
