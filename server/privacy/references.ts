// The last step of erasure: whatever reference to the person the domain handlers left (a group
// they ran, an attempt they granted, a supervisee's supervisorId) is cleared — null where the
// field may be empty, else one random id that stands for "an erased person" and points nowhere.
import mongoose, { Types } from 'mongoose';
import type { PersonDoc } from '../people/person.model.ts';
import { classOf } from './fields.ts';
import { schemaPaths, type SchemaPath } from './schemaPaths.ts';

const holdsPerson = (model: string, p: SchemaPath) =>
  p.objectId &&
  p.path !== '_id' &&
  (p.refsPerson || ['owner', 'other'].includes(classOf(model, p.path) ?? ''));

export async function clearReferences(person: Pick<PersonDoc, '_id'>): Promise<void> {
  const anonymous = new Types.ObjectId();
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    for (const p of schemaPaths(model.schema).filter((p) => holdsPerson(name, p))) {
      const replacement = p.required ? anonymous : null;
      if (!p.arrayPath) {
        await model.updateMany({ [p.path]: person._id }, { $set: { [p.path]: replacement } });
        continue;
      }
      // In a document array: rewrite the array (FerretDB v1 has no arrayFilters to rely on).
      const field = p.path.slice(p.arrayPath.length + 1);
      for (const doc of await model.find({ [p.path]: person._id }, { [p.arrayPath]: 1 }).lean()) {
        const items = (doc as Record<string, unknown>)[p.arrayPath] as Record<string, unknown>[];
        const cleared = items.map((item) =>
          String(item[field]) === String(person._id) ? { ...item, [field]: replacement } : item,
        );
        await model.updateOne({ _id: doc._id }, { $set: { [p.arrayPath]: cleared } });
      }
    }
  }
}
