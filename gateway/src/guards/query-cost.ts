import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  validate,
  valueFromAST,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface CostOptions {
  /** The highest cost an operation may have. */
  maxCost: number;
  /** How many items a list is taken to hold when the query gives no size: the sources' default page size. */
  defaultListSize: number;
  /** Extra cost of each call of an expensive field (`Type.field`), on top of the objects it returns. */
  expensiveFields: Record<string, number>;
}

/** The arguments that bound how many items a field returns, directly or inside `pagination`. */
const SIZE_ARGUMENTS = ['first', 'last', 'limit', 'pageSize'];
const PAGINATION_SIZES = ['pageSize', 'limit'];

/** Fields whose every call costs the sources real work beyond the objects returned. */
export const EXPENSIVE_FIELDS = ['Project.similar', 'Query.searchProjects', 'Query.search', 'Post.position'];

type Fragments = Record<string, FragmentDefinitionNode | undefined>;

/**
 * The cost of one operation, as GitHub counts its node limit: every object the answer may hold counts once,
 * and a list multiplies what is below it by the number of items it may return — its `first`, `last`,
 * `limit`, `pageSize` or `pagination: { pageSize | limit }` (literal, variable or the argument's default), or
 * the sources' default page size where nothing is given. A connection passes its page size on to its
 * `nodes`/`edges`. Expensive fields add their cost once per call, that is once per parent object.
 *
 * The walk is recursive rather than a flat visitor because a fragment costs what it costs where it is
 * spread; each fragment's cost per parent object is computed once, so fragments spread in fragments (a
 * "fragment bomb") cost linear time. Introspection is answered from memory and costs nothing here.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  rawVariables: Record<string, unknown>,
  options: Omit<CostOptions, 'maxCost'>,
): number {
  // Coerced as execution will coerce them (variable defaults apply); invalid variables fail execution
  // anyway, so the raw values are good enough to bound what it would have done.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  const variables = coerced.coerced ?? rawVariables;
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const sizeOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    let size: number | undefined;
    const take = (value: unknown) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return;
      // Strapi reads a limit of -1 as "as many as allowed": count it as a very large page.
      const items = value < 0 ? Number.MAX_SAFE_INTEGER : Math.ceil(value);
      size = Math.max(size ?? 0, items);
    };
    for (const argument of field.args) {
      const isSize = SIZE_ARGUMENTS.includes(argument.name);
      const isPagination =
        argument.name === 'pagination' && isInputObjectType(getNullableType(argument.type));
      if (!isSize && !isPagination) continue;
      const given = node.arguments?.find((candidate) => candidate.name.value === argument.name);
      const value = given ? valueFromAST(given.value, argument.type, variables) : argument.defaultValue;
      if (isSize) take(value);
      else if (value && typeof value === 'object') {
        for (const key of PAGINATION_SIZES) take((value as Record<string, unknown>)[key]);
      }
    }
    return size;
  };

  /** The cost below one object of `type`: what its selection returns and calls. */
  const selectionCost = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    pageSize: number | undefined,
  ): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, type, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition))
          cost += selectionCost(selection.selectionSet, condition, pageSize);
      } else {
        cost += fragmentCost(selection.name.value, pageSize);
      }
    }
    return cost;
  };

  const fragmentCost = (name: string, pageSize: number | undefined): number => {
    const key = `${name}\u0000${pageSize ?? ''}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments[name];
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    // A cycle is a validation error reported elsewhere; here it must only not loop.
    if (!fragment || !type || !isCompositeType(type) || visiting.has(key)) return 0;
    visiting.add(key);
    const cost = selectionCost(fragment.selectionSet, type, pageSize);
    visiting.delete(key);
    memo.set(key, cost);
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, pageSize: number | undefined): number => {
    const name = node.name.value;
    if (name.startsWith('__') || parent.name.startsWith('__')) return 0;
    if (!isObjectType(parent) && !isInterfaceType(parent)) return 0; // a union selects only __typename
    const field = parent.getFields()[name];
    if (!field) return 0; // unknown fields are a validation error reported elsewhere
    const size = sizeOf(field, node);
    const isList = isListType(getNullableType(field.type));
    // A list returns its given size, or the page size its connection was asked for, or the default.
    const items = isList ? (size ?? pageSize ?? options.defaultListSize) : 1;
    // A field with a size that returns one object is a connection: its lists hold that many.
    const passedOn = isList ? undefined : size;
    let cost = options.expensiveFields[`${parent.name}.${name}`] ?? 0;
    const type = getNamedType(field.type);
    if (isCompositeType(type)) {
      cost += items;
      if (node.selectionSet) cost += items * selectionCost(node.selectionSet, type, passedOn);
    }
    return cost;
  };

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return root ? selectionCost(operation.selectionSet, root, undefined) : 0;
}

export function costTooHigh(cost: number, options: CostOptions, nodes?: readonly ASTNode[]) {
  const shown = Number.isFinite(cost) && cost < 1e15 ? Math.round(cost).toLocaleString('en') : 'unbounded';
  const perCall = new Map<number, string[]>();
  for (const [name, extra] of Object.entries(options.expensiveFields))
    if (extra > 0) perCall.set(extra, [...(perCall.get(extra) ?? []), name.split('.')[1]!]);
  const expensive = [...perCall]
    .map(([extra, names]) => `${names.join(', ')} add ${extra} per call`)
    .join('; ');
  return new GraphQLError(
    `Query too complex: its cost is ${shown}, the most allowed is ${options.maxCost.toLocaleString('en')}. ` +
      `Each object counts once for every item the lists above it may return (their page size, or ` +
      `${options.defaultListSize} where none is given)` +
      (expensive ? `; ${expensive}` : '') +
      '. Ask for smaller pages or fewer nested lists.',
    {
      nodes,
      extensions: {
        code: 'QUERY_TOO_COMPLEX',
        cost: Number.isFinite(cost) ? cost : null,
        maxCost: options.maxCost,
      },
    },
  );
}

/**
 * The cost limit as a validation rule. It needs the request's variables, so it cannot sit among the
 * validation rules that Apollo runs once per document and caches: it runs per request, over HTTP and
 * WebSocket alike (`costError`).
 */
export function costLimitRule(
  options: CostOptions,
  variables: Record<string, unknown>,
  operationName: string | null | undefined,
): ValidationRule {
  return (context: ValidationContext) => {
    const operations = context
      .getDocument()
      .definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const fragments: Fragments = {};
    for (const definition of context.getDocument().definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    return {
      OperationDefinition(node) {
        // Only the operation that will run counts (a document may hold several).
        const selected = operationName ? node.name?.value === operationName : operations.length === 1;
        if (!selected) return false;
        const cost = operationCost(context.getSchema(), node, fragments, variables, options);
        if (cost > options.maxCost) context.reportError(costTooHigh(cost, options, [node]));
        return false;
      },
    };
  };
}

/**
 * Costs already computed, per limits, per document (Apollo hands the same parsed document to every request of
 * the same query) and per operation name + variables; a few short ones per document, so a client varying its
 * variables cannot grow it without bound.
 */
const computed = new WeakMap<CostOptions, WeakMap<DocumentNode, Map<string, GraphQLError | null>>>();
const REMEMBERED_PER_DOCUMENT = 50;
const MAX_KEY_LENGTH = 1024;

/** The cost error of the operation that will run, if it is over the limit. */
export function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
  options: CostOptions,
): GraphQLError | undefined {
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
  let byDocument = computed.get(options);
  if (!byDocument) computed.set(options, (byDocument = new WeakMap()));
  let known = byDocument.get(document);
  const hit = known?.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const error = validate(schema, document, [costLimitRule(options, variables ?? {}, operationName)])[0];
  if (key.length > MAX_KEY_LENGTH) return error; // large variables are not worth keeping
  if (!known) byDocument.set(document, (known = new Map()));
  if (known.size >= REMEMBERED_PER_DOCUMENT) known.delete(known.keys().next().value!);
  known.set(key, error ?? null);
  return error;
}
