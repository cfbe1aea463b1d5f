// `npm run digest -w services/forum -- --now`: see digest-command.ts.
import 'reflect-metadata';
import { runDigestCommand } from './digest-command.js';

const { code, message } = await runDigestCommand(process.argv.slice(2));
(code === 0 ? console.log : console.error)(message);
process.exit(code);
