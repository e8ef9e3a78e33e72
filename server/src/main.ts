import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { FramingGuard } from './framing';
import { isEvidenceWorker, runEvidenceWorker } from './evidence-worker';
import { createServer } from './server';

// Editors that start the server without a transport flag get stdio.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a))) process.argv.push('--stdio');

/**
 * Over stdio the input passes a framing check first. A malformed header leaves no way to know
 * where the next message starts, so the server says so in its log (standard error, which the
 * client shows, and the client's log) and exits with 1: the client sees the server end and starts
 * a new one, instead of waiting forever on a server that reads on but never answers.
 */
function stdioConnection(): Connection {
  let connection: Connection | undefined;
  const guard = new FramingGuard((problem) => {
    const line = `bollwerk language server: malformed message header (${problem}); exiting so that the client restarts the server`;
    process.stderr.write(`${line}\n`);
    connection?.console.error(line);
    // a moment for the log notification to be written
    setTimeout(() => process.exit(1), 100);
  });
  const c = createConnection(ProposedFeatures.all, process.stdin.pipe(guard), process.stdout);
  connection = c;
  // what the library does for --stdio itself: console output must not go to stdout, the protocol's channel
  const log = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]): void => c.console[level](format(...args));
  console.log = log('log');
  console.info = log('info');
  console.debug = log('log');
  console.warn = log('warn');
  console.error = log('error');
  return c;
}

if (isEvidenceWorker()) runEvidenceWorker();
else {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
  createServer(connection);
  connection.listen();
}
