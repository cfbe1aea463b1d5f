import { buildSchema, defaultFieldResolver, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { unwrapPlainFields } from '../src/features/graphql/plain-fields';

describe('plain value fields', () => {
  const schema = () => {
    const built = buildSchema(`
      enum Status { laufend abgeschlossen }
      type City { name: String }
      type Project {
        title: String!
        projectStatus: Status
        guarded: String
        formatted(upper: Boolean): String
        city: City
        notAnAttribute: String
      }
      type Query { projects: [Project] }
    `);
    // What Strapi leaves on every field: a wrapper.
    const project = built.getType('Project') as GraphQLObjectType;
    for (const field of Object.values(project.getFields())) field.resolve = async () => 'wrapped';
    return { built, fields: project.getFields() };
  };

  it('get the default resolver back; configured, argument, object and unknown fields keep theirs', () => {
    const { built, fields } = schema();
    const changed = unwrapPlainFields(
      built,
      new Map([
        [
          'Project',
          new Set(['title', 'projectStatus', 'guarded', 'formatted', 'city', 'documentId', 'missing']),
        ],
        ['Nowhere', new Set(['title'])],
      ]),
      new Set(['Project.guarded']),
    );
    expect(changed.sort()).toEqual(['Project.projectStatus', 'Project.title']);
    expect(fields.title?.resolve).toBe(defaultFieldResolver);
    expect(fields.projectStatus?.resolve).toBe(defaultFieldResolver);
    for (const name of ['guarded', 'formatted', 'city', 'notAnAttribute'])
      expect(fields[name]?.resolve).not.toBe(defaultFieldResolver);
  });
});
