/**
 * Limits checked on the query text before anything runs: aliases and directives (cheap
 * ways to repeat expensive work) and nesting depth including introspection fields, which
 * the Pothos complexity plugin (see builder.ts) does not count.
 */
import { GraphQLError, Kind, type ASTNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { requestLimits } from './limits.js';

// Apollo answers these as GRAPHQL_VALIDATION_FAILED, with our Dutch message.
const limitError = (message: string) => new GraphQLError(message);

function countNodes(root: ASTNode, kind: Kind.FIELD | Kind.DIRECTIVE): number {
  let count = 0;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const astNode = node as ASTNode & Record<string, unknown>;
    if (kind === Kind.FIELD ? astNode.kind === Kind.FIELD && astNode.alias : astNode.kind === Kind.DIRECTIVE) count++;
    for (const [key, value] of Object.entries(astNode)) if (key !== 'loc') visit(value);
  };
  visit(root);
  return count;
}

export const maxAliasesRule: ValidationRule = (context: ValidationContext) => ({
  Document(document) {
    const aliases = countNodes(document, Kind.FIELD);
    if (aliases > requestLimits.maxAliases) {
      context.reportError(limitError(`Te veel aliassen in één vraag (${aliases}, hoogstens ${requestLimits.maxAliases}).`));
    }
  },
});

export const maxDirectivesRule: ValidationRule = (context: ValidationContext) => ({
  Document(document) {
    const directives = countNodes(document, Kind.DIRECTIVE);
    if (directives > requestLimits.maxDirectives) {
      context.reportError(limitError(`Te veel directives in één vraag (${directives}, hoogstens ${requestLimits.maxDirectives}).`));
    }
  },
});

export const maxDepthRule: ValidationRule = (context: ValidationContext) => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const depthOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment cycle is reported by graphql-js's own NoFragmentCycles rule.
        if (fragment && !seen.has(name)) deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set(seen).add(name)));
      }
      if (deepest > requestLimits.maxDepth) return deepest;
    }
    return deepest;
  };
  return {
    Document(document) {
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && depthOf(definition.selectionSet, new Set()) > requestLimits.maxDepth) {
          context.reportError(limitError(`Deze vraag is te diep genest (hoogstens ${requestLimits.maxDepth} niveaus).`));
        }
      }
    },
  };
};

export const requestLimitRules: ValidationRule[] = [maxAliasesRule, maxDirectivesRule, maxDepthRule];
