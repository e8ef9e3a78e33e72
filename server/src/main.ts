import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './server';

// Editors that start the server without a transport flag get stdio.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
createServer(connection);
connection.listen();
