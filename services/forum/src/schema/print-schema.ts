import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import 'reflect-metadata';
// The server's modules first, in its order: type-graphql lists fields in the order their modules load, and
// the SDL must be exactly what a running forum's `_service { sdl }` answers.
import '../server.js';
import { createPubSub } from '@graphql-yoga/subscription';
import { graphql } from 'graphql';
import { buildForumSchema } from './build-schema.js';

/** Writes the forum's subgraph SDL — exactly what `_service { sdl }` answers — to the given file. */
const target = process.argv[2];
if (!target) {
  console.error('usage: print-schema <file>');
  process.exit(64);
}
const schema = await buildForumSchema(createPubSub());
const result = await graphql({ schema, source: '{ _service { sdl } }' });
const sdl = (result.data?.['_service'] as { sdl?: string } | undefined)?.sdl;
if (!sdl) throw new Error(`could not read the SDL: ${JSON.stringify(result.errors)}`);
await writeFile(path.resolve(target), `${sdl.trim()}\n`);
console.log(`wrote ${target}`);
