// Which content types a cached CMS answer is tagged with decides which content events drop it: tombstones
// (removedDocuments) change whenever any document of ours is unpublished or deleted, the licence with OpenData.
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { contentTypesRead } from '../src/engine/http-executor.js';

const schema = buildSchema(readFileSync(new URL('../../schema/public.graphql', import.meta.url), 'utf8'));
const tags = (query: string) => contentTypesRead(parse(query), schema);

describe('cache tags of CMS answers', () => {
  it('tags tombstones with every type that leaves them, so any unpublish or delete drops them', () => {
    expect(tags('{ removedDocuments(first: 10) { documentId } }')).toEqual([
      'ActionField',
      'City',
      'Organisation',
      'Project',
      'Workshop',
    ]);
  });

  it('tags the open data licence and the lists read with updatedSince', () => {
    expect(tags('{ openData { licenceName } }')).toEqual(['OpenData']);
    expect(tags('query ($s: DateTime) { projects(updatedSince: $s) { documentId city { name } } }')).toEqual([
      'City',
      'Project',
    ]);
  });
});
