import { Command, CommanderError } from 'commander';
import { registerListCommands } from './commands/jobs.js';
import { registerMigrate } from './commands/migrate.js';
import { registerRobot } from './commands/robot.js';
import { registerRun } from './commands/run.js';
import { registerSubmit } from './commands/submit.js';
import { registerUp } from './commands/up.js';
import { CliError } from './errors.js';

/**
 * `casare` entry point. Each command lives in commands/<name>.ts and registers itself;
 * every failure becomes one line on stderr and a non-zero exit, never a stack trace.
 */
export function buildProgram(): Command {
  const program = new Command('casare')
    .description('Casare RPA control plane: orchestrator, robots and workflow engine')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
    .showHelpAfterError(false);
  registerUp(program);
  registerRobot(program);
  registerRun(program);
  registerSubmit(program);
  registerListCommands(program);
  registerMigrate(program);
  return program;
}

function fail(message: string, code: number): never {
  process.stderr.write(`casare: ${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(code);
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; usage errors were already printed by commander.
      process.exit(err.exitCode === 0 ? 0 : 2);
    }
    if (err instanceof CliError) fail(err.message, err.exitCode);
    fail(err instanceof Error ? err.message : String(err), 1);
  }
}

await main(process.argv);
