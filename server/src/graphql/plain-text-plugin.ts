/**
 * Refuses a NUL character in any text argument (String or ID, at any depth of an input),
 * for every field, before the zod checks and the resolver run. SQLite would store one,
 * PostgreSQL can neither store nor compare it and fails with an internal error; refused on
 * both alike, a programme can move between them (copy-to-postgres.ts refuses one as well).
 *
 * JSON arguments are left alone: sync entries carry their commands' arguments as JSON and
 * refuse a NUL per entry (sync-entries.ts), so one bad entry does not hold up a batch.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import {
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../domain-error.js';

const NUL_MESSAGE = 'Hierin staat een onzichtbaar teken dat niet bewaard kan worden. Typ de tekst opnieuw in.';

/** The path to the first text holding a NUL in a value of this type (innermost part first), or null. */
function nulPath(value: unknown, type: GraphQLInputType): string[] | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return nulPath(value, type.ofType);
  if (isListType(type)) {
    if (!Array.isArray(value)) return nulPath(value, type.ofType);
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, type.ofType);
      if (found) return [...found, String(index)];
    }
    return null;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      const found = field ? nulPath(inner, field.type) : null;
      if (found) return [...found, name];
    }
    return null;
  }
  const { name } = getNamedType(type);
  return (name === 'String' || name === 'ID') && typeof value === 'string' && value.includes('\0') ? [] : null;
}

function argumentsOf(schema: GraphQLSchema, typeName: string, fieldName: string): readonly GraphQLArgument[] {
  const type = schema.getType(typeName);
  return isObjectType(type) || isInterfaceType(type) ? (type.getFields()[fieldName]?.args ?? []) : [];
}

export class PlainTextPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    const { parentType, name } = fieldConfig;
    let argsOfField: readonly GraphQLArgument[] | undefined;
    return {
      ...fieldConfig,
      // First of the field's argument mappers, so zod never sees such a text.
      argMappers: [
        (args, _context, { schema }) => {
          // The built schema's types: the config holds type references, not their fields.
          argsOfField ??= argumentsOf(schema, parentType, name);
          for (const arg of argsOfField) {
            const found = nulPath(args[arg.name], arg.type);
            if (found) throw badInput(NUL_MESSAGE, { fields: [{ path: [arg.name, ...found.reverse()], message: NUL_MESSAGE }] });
          }
          return args;
        },
        ...fieldConfig.argMappers,
      ],
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      plainText: PlainTextPlugin<Types>;
    }
  }
}

const pluginName = 'plainText';
SchemaBuilder.registerPlugin(pluginName, PlainTextPlugin);
export default pluginName;
