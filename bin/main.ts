import { commandCatalog } from './catalog';
import { EXIT_BAD_INPUT, processIO, reportError, type Command, type CommandIO } from './command';
import { SecondlookError } from '../lib/errors';

function helpText(): string {
  const lines = ['usage: secondlook <command> [options]', '', 'commands:'];
  for (const entry of commandCatalog) lines.push(`  ${entry.usage}`, `      ${entry.summary}`);
  return `${lines.join('\n')}\n`;
}

/** Runs one CLI invocation and resolves to its exit status; never throws. */
export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const json = rest.includes('--json');
  const entry = commandCatalog.find((candidate) => candidate.name === name);
  if (!entry) {
    reportError(io, new SecondlookError('USAGE', `unknown command "${name}"`), json);
    if (!json) io.stderr(helpText());
    return EXIT_BAD_INPUT;
  }
  try {
    const loaded = (await import(`./commands/${entry.name}.ts`)) as { command: Command };
    return await loaded.command.run(rest, io);
  } catch (error) {
    reportError(io, error, json);
    return EXIT_BAD_INPUT;
  }
}
