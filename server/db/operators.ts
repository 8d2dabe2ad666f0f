// mongoose's sanitizeFilter is on: any `$` operator in a query filter is neutralised unless the
// code marks it as its own. So client input can never become an operator, and operators the
// code uses are spelled out with these helpers.
import mongoose from 'mongoose';

export const op = <T extends Record<`$${string}`, unknown>>(operators: T): T =>
  mongoose.trusted(operators) as T;
