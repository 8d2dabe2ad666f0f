// Every path of a mongoose schema, subdocuments and document arrays included, with what erasure
// and the field classification need to know about it.
import type { Schema, SchemaType } from 'mongoose';

export interface SchemaPath {
  /** Dotted, as in FIELD_CLASSES ("pause.note", "history.byId"). */
  path: string;
  /** The document array it sits in ("history"), or null. */
  arrayPath: string | null;
  /** Holds ObjectIds (alone or in an array). */
  objectId: boolean;
  /** Declared `ref: 'Person'`. */
  refsPerson: boolean;
  required: boolean;
}

type Typed = SchemaType & {
  schema?: Schema;
  caster?: { instance?: string; options?: { ref?: string } };
  options: { ref?: string };
};

export function schemaPaths(schema: Schema, prefix = '', arrayPath: string | null = null) {
  const found: SchemaPath[] = [];
  for (const [name, raw] of Object.entries(schema.paths)) {
    const type = raw as Typed;
    const path = `${prefix}${name}`;
    const objectId = type.instance === 'ObjectId' || type.caster?.instance === 'ObjectId';
    const ref = type.options.ref ?? type.caster?.options?.ref;
    found.push({
      path,
      arrayPath,
      objectId,
      refsPerson: ref === 'Person',
      required: !!type.isRequired,
    });
    if (type.schema) {
      const inArray = type.instance === 'Array' ? path : arrayPath;
      found.push(...schemaPaths(type.schema, `${path}.`, inArray));
    }
  }
  return found;
}
