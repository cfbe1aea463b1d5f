import {
  Kind,
  parse,
  print,
  lexicographicSortSchema,
  printSchema,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type TypeNode,
} from 'graphql';

export const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.7';

export interface SubgraphOptions {
  /** Types resolvable by `_entities`, keyed by documentId. */
  entityTypes: readonly string[];
  /** Mutations that stay public; every other mutation is a Strapi write and becomes @inaccessible. */
  publicMutations: readonly string[];
  /** Query fields that must not reach the public gateway (users-permissions, upload internals, …). */
  hiddenQueryField: (name: string) => boolean;
  /** Fields of otherwise public types that expose internals, as "Type.field". */
  hiddenFields: readonly string[];
  /**
   * Root fields left out of the SDL altogether because another subgraph owns the public field of that name
   * (users-permissions' `me`; the forum's `me` is the member). The CMS still answers them directly.
   */
  omittedFields: readonly string[];
}

/** Federation's own additions; the subgraph SDL leaves them out, as @apollo/subgraph does. */
const FEDERATION_TYPES = new Set(['_Any', '_Entity', '_Service', 'link__Import', 'link__Purpose']);
const FEDERATION_FIELDS = new Set(['_service', '_entities']);
const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

function directive(name: string, args: Record<string, string> = {}): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: Object.entries(args).map(([argName, value]) => ({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: argName },
      value: { kind: Kind.STRING, value },
    })),
  };
}

const inaccessible = () => directive('inaccessible');

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

type NamedDefinition = Extract<DefinitionNode, { name: { value: string } }>;

/**
 * Turns Strapi's executable schema into a Federation 2 subgraph SDL: links the federation spec, puts
 * `@key(fields: "documentId")` on the entity types, and marks with `@inaccessible` Strapi's write mutations,
 * the listed internal query fields and fields, and every type that only those reach. The gateway composes
 * this SDL; what is @inaccessible stays out of the public API but remains in the supergraph.
 */
export function toSubgraphSdl(schema: GraphQLSchema, options: SubgraphOptions): string {
  // Sorted: Strapi registers components in load order, which differs between starts.
  const document = parse(printSchema(lexicographicSortSchema(schema)));
  const definitions = document.definitions.filter(
    (definition): definition is NamedDefinition =>
      'name' in definition && definition.name !== undefined && !FEDERATION_TYPES.has(definition.name.value),
  );
  const omitted = (typeName: string, field: FieldDefinitionNode) =>
    FEDERATION_FIELDS.has(field.name.value) ||
    options.omittedFields.includes(`${typeName}.${field.name.value}`);
  const byName = new Map(definitions.map((definition) => [definition.name.value, definition]));

  const hiddenField = (typeName: string, field: FieldDefinitionNode): boolean => {
    if (typeName === 'Mutation') return !options.publicMutations.includes(field.name.value);
    if (typeName === 'Query' && options.hiddenQueryField(field.name.value)) return true;
    return options.hiddenFields.includes(`${typeName}.${field.name.value}`);
  };

  // Walk from the public root fields: whatever they cannot reach is internal.
  const reachable = new Set<string>();
  const visit = (name: string) => {
    if (reachable.has(name) || BUILT_IN_SCALARS.has(name)) return;
    const definition = byName.get(name);
    if (!definition) return;
    reachable.add(name);
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        for (const iface of definition.interfaces ?? []) visit(iface.name.value);
        for (const field of definition.fields ?? []) {
          if (hiddenField(name, field)) continue;
          visit(namedType(field.type));
          for (const arg of field.arguments ?? []) visit(namedType(arg.type));
        }
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        for (const field of definition.fields ?? []) visit(namedType(field.type));
        break;
      case Kind.UNION_TYPE_DEFINITION:
        for (const member of definition.types ?? []) visit(member.name.value);
        break;
      default:
        break;
    }
  };
  for (const root of ['Query', 'Mutation']) {
    const definition = byName.get(root);
    if (definition?.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    reachable.add(root);
    for (const field of definition.fields ?? []) {
      if (omitted(root, field) || hiddenField(root, field)) continue;
      visit(namedType(field.type));
      for (const arg of field.arguments ?? []) visit(namedType(arg.type));
    }
  }

  const withDirectives = <T extends { directives?: readonly ConstDirectiveNode[] }>(
    node: T,
    added: ConstDirectiveNode[],
  ): T => (added.length === 0 ? node : { ...node, directives: [...(node.directives ?? []), ...added] });

  const output: DefinitionNode[] = [
    {
      kind: Kind.SCHEMA_EXTENSION,
      directives: [
        {
          ...directive('link', { url: FEDERATION_SPEC }),
          arguments: [
            ...directive('link', { url: FEDERATION_SPEC }).arguments!,
            {
              kind: Kind.ARGUMENT,
              name: { kind: Kind.NAME, value: 'import' },
              value: {
                kind: Kind.LIST,
                values: ['@key', '@inaccessible', '@shareable'].map((value) => ({
                  kind: Kind.STRING,
                  value,
                })),
              },
            },
          ],
        },
      ],
    },
  ];

  for (const definition of definitions) {
    const name = definition.name.value;
    const internal = !reachable.has(name) && !BUILT_IN_SCALARS.has(name);
    const typeDirectives: ConstDirectiveNode[] = [];
    if (options.entityTypes.includes(name)) typeDirectives.push(directive('key', { fields: 'documentId' }));
    if (internal && name !== 'Query' && name !== 'Mutation') typeDirectives.push(inaccessible());

    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      const fields = (definition.fields ?? [])
        .filter((field) => !omitted(name, field))
        .map((field) =>
          !internal && hiddenField(name, field) ? withDirectives(field, [inaccessible()]) : field,
        );
      output.push(withDirectives({ ...definition, fields }, typeDirectives));
    } else if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      // Filters on hidden fields go too (only nullable input fields may be @inaccessible).
      const fields = (definition.fields ?? []).map((field) =>
        !internal &&
        options.hiddenFields.includes(`${name}.${field.name.value}`) &&
        field.type.kind !== Kind.NON_NULL_TYPE
          ? withDirectives(field, [inaccessible()])
          : field,
      );
      output.push(withDirectives({ ...definition, fields }, typeDirectives));
    } else if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
      output.push(definition);
    } else {
      output.push({
        ...definition,
        directives: [
          ...((definition as { directives?: readonly ConstDirectiveNode[] }).directives ?? []),
          ...typeDirectives,
        ],
      } as DefinitionNode);
    }
  }
  const result: DocumentNode = { kind: Kind.DOCUMENT, definitions: output };
  return `${print(result)}\n`;
}
