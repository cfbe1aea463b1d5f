#!/usr/bin/env node
// Fails when fewer than 95 % of the public API's fields, input fields and arguments have a description
// (schema/public.graphql, what portal developers read in GraphiQL). Part of `npm run schema:check`.
//   node scripts/schema-descriptions.mjs [schema file] [--list]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

export const REQUIRED_SHARE = 0.95;

/** Every field, input field and argument of the schema, and which of them lack a description. */
export function descriptionCoverage(sdl) {
  const schema = buildSchema(sdl);
  let total = 0;
  const missing = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      total += 1;
      if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      for (const argument of field.args ?? []) {
        total += 1;
        if (!argument.description?.trim()) missing.push(`${type.name}.${field.name}(${argument.name})`);
      }
    }
  }
  return { total, described: total - missing.length, share: (total - missing.length) / total, missing };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file =
    process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'schema/public.graphql';
  const coverage = descriptionCoverage(readFileSync(path.resolve(file), 'utf8'));
  const percent = (coverage.share * 100).toFixed(1);
  console.log(
    `${file}: ${coverage.described} of ${coverage.total} fields and arguments described (${percent} %)`,
  );
  if (process.argv.includes('--list')) for (const name of coverage.missing) console.log(`  ${name}`);
  if (coverage.share < REQUIRED_SHARE) {
    console.error(
      `Fewer than ${REQUIRED_SHARE * 100} % described. Describe them at their source: type-graphql's \`description\` ` +
        '(services/forum), the SDL of cms/src/features/**/*.graphql.ts or cms/src/features/graphql/descriptions.ts ' +
        '(Strapi’s generated types), then `npm run schema`. Missing:\n  ' +
        coverage.missing.join('\n  '),
    );
    process.exit(1);
  }
}
