// Placeholder entry; the CLI is built in shared/src/cli/.
process.stderr.write('bollwerk: not built yet\n');
process.exit(2);
