import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { GatewayConfig } from '../config.js';
import { EXPENSIVE_FIELDS, type CostOptions } from './query-cost.js';

type Limits = GatewayConfig['limits'];

/**
 * graphql-armor's depth, alias and directive limits as validation rules, for both transports. They report a
 * limit as a validation error (as graphql's own rules do) instead of throwing, which Apollo would answer with 500.
 */
export function limitRules(limits: Limits): ValidationRule[] {
  const report = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  return [
    maxDepthRule({ n: limits.maxDepth, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ] as unknown as ValidationRule[];
}

/** The cost limit's settings from GatewayConfig.limits. */
export function costOptions(limits: Limits): CostOptions {
  return {
    maxCost: limits.maxCost,
    defaultListSize: limits.costDefaultListSize,
    expensiveFields: Object.fromEntries(EXPENSIVE_FIELDS.map((name) => [name, limits.costPerExpensiveCall])),
  };
}

/** Turns graphql-armor's messages into error codes a portal can act on. */
const limitCodes: [RegExp, string][] = [
  [/depth limit/i, 'QUERY_TOO_DEEP'],
  [/aliases limit/i, 'TOO_MANY_ALIASES'],
  [/token limit|contains more th\w+ \d+ tokens/i, 'QUERY_TOO_LARGE'],
  [/directives limit/i, 'TOO_MANY_DIRECTIVES'],
];
export function limitCodeFor(message: string): string | undefined {
  return limitCodes.find(([pattern]) => pattern.test(message))?.[1];
}

const PAGE_ARGUMENTS = new Set(['first', 'last', 'limit', 'pageSize']);

function numberOf(value: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const raw = variables[value.name.value];
    return typeof raw === 'number' ? raw : undefined;
  }
  return undefined;
}

/**
 * Caps every page size a client asks for, wherever it asks: `first`/`limit` arguments and the CMS's
 * `pagination: { pageSize, limit }`. Returns the error for the first one over the cap.
 */
export function pageSizeError(
  document: DocumentNode,
  variables: Record<string, unknown>,
  max: number,
): GraphQLError | undefined {
  let error: GraphQLError | undefined;
  const check = (name: string, value: ValueNode) => {
    const size = numberOf(value, variables);
    if (!error && size !== undefined && size > max) {
      error = new GraphQLError(`${name}: at most ${max} items per page`, {
        extensions: { code: 'PAGE_SIZE_TOO_LARGE', field: name, max },
      });
    }
  };
  visit(document, {
    Argument(node) {
      if (PAGE_ARGUMENTS.has(node.name.value)) check(node.name.value, node.value);
      if (node.name.value === 'pagination') {
        if (node.value.kind === Kind.OBJECT) {
          for (const field of node.value.fields)
            if (PAGE_ARGUMENTS.has(field.name.value)) check(`pagination.${field.name.value}`, field.value);
        } else if (node.value.kind === Kind.VARIABLE) {
          const pagination = variables[node.value.name.value] as Record<string, unknown> | undefined;
          for (const key of ['pageSize', 'limit']) {
            const size = pagination?.[key];
            if (!error && typeof size === 'number' && size > max) {
              error = new GraphQLError(`pagination.${key}: at most ${max} items per page`, {
                extensions: { code: 'PAGE_SIZE_TOO_LARGE', field: `pagination.${key}`, max },
              });
            }
          }
        }
      }
    },
  });
  return error;
}
