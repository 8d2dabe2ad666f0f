// Dates, numbers and lists in the UI languages a browser has no locale data for. Chromium (and
// Chrome on Android) ships none for Somali, Central Kurdish or Albanian: its Intl answers in
// American English ("Monday, December 7, 2026 at 6:05 PM", "a, b, and c") on a Somali page.
// The names below are CLDR's (as Node's full ICU has them); the day-month-year order and the
// 24-hour clock are Finland's, where every session takes place. The server writes these
// languages' dates the same way (reminders/texts.ts), so an email and the page agree.

interface Words {
  months: readonly string[];
  monthsShort: readonly string[];
  /** Sunday first, as Date#getDay counts. */
  weekdays: readonly string[];
  and: string;
  comma: string;
  /** Digits the language writes (Central Kurdish: Arabic-Indic), else Latin. */
  digits?: string;
  /** A locale whose number formatting the language shares. */
  numbers: string;
}

const WORDS: Readonly<Record<string, Words>> = {
  so: {
    months: ['Jannaayo', 'Febraayo', 'Maarso', 'Abriil', 'Maayo', 'Juun', 'Luulyo', 'Ogosto', 'Sebteembar', 'Oktoobar', 'Noofeembar', 'Diseembar'],
    monthsShort: ['Jan', 'Feb', 'Mar', 'Abr', 'May', 'Jun', 'Lul', 'Ogs', 'Seb', 'Okt', 'Nof', 'Dis'],
    weekdays: ['Axad', 'Isniin', 'Talaado', 'Arbaco', 'Khamiis', 'Jimco', 'Sabti'],
    and: 'iyo',
    comma: ', ',
    numbers: 'en',
  },
  ckb: {
    months: ['کانوونی دووەم', 'شوبات', 'ئازار', 'نیسان', 'ئایار', 'حوزەیران', 'تەمووز', 'ئاب', 'ئەیلوول', 'تشرینی یەکەم', 'تشرینی دووەم', 'کانوونی یەکەم'],
    monthsShort: ['کانوونی دووەم', 'شوبات', 'ئازار', 'نیسان', 'ئایار', 'حوزەیران', 'تەمووز', 'ئاب', 'ئەیلوول', 'تشرینی یەکەم', 'تشرینی دووەم', 'کانوونی یەکەم'],
    weekdays: ['یەکشەممە', 'دووشەممە', 'سێشەممە', 'چوارشەممە', 'پێنجشەممە', 'ھەینی', 'شەممە'],
    and: 'و',
    comma: '، ',
    digits: '٠١٢٣٤٥٦٧٨٩',
    numbers: 'ar-u-nu-arab',
  },
  sq: {
    months: ['janar', 'shkurt', 'mars', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator', 'tetor', 'nëntor', 'dhjetor'],
    monthsShort: ['jan', 'shk', 'mar', 'pri', 'maj', 'qer', 'korr', 'gush', 'sht', 'tet', 'nën', 'dhj'],
    weekdays: ['e diel', 'e hënë', 'e martë', 'e mërkurë', 'e enjte', 'e premte', 'e shtunë'],
    and: 'dhe',
    comma: ', ',
    numbers: 'de',
  },
}; // prettier-ignore

/** The words for a language whose dates are written here (not by Intl's own data), if any. */
export const fallbackWords = (language: string): Words | undefined => WORDS[language];

/** The words for a language this runtime's Intl cannot write, if it cannot and we have them. */
export function missingLocale(language: string): Words | undefined {
  const words = WORDS[language];
  return words && Intl.DateTimeFormat.supportedLocalesOf([language]).length === 0
    ? words
    : undefined;
}

const localDigits = (text: string, words: Words) =>
  words.digits ? text.replace(/[0-9]/g, (d) => words.digits![Number(d)]!) : text;

/**
 * Formats like Intl.DateTimeFormat with these options: British English's parts (day, month,
 * year order; 24-hour clock) with the month and weekday named in the language.
 */
export function fallbackDateTimeFormat(words: Words, options: Intl.DateTimeFormatOptions) {
  const { timeZone = 'UTC' } = options;
  const base = new Intl.DateTimeFormat('en-GB-u-ca-gregory', { ...options, hourCycle: 'h23' });
  // Which month and weekday an instant is in the formatter's zone: numbers, never names.
  const numeric = new Intl.DateTimeFormat('en-GB-u-ca-gregory', {
    timeZone,
    month: 'numeric',
    year: 'numeric',
    day: 'numeric',
  });
  const longMonth =
    options.dateStyle === 'full' || options.dateStyle === 'long' || options.month === 'long';
  const format = (date: Date | number) => {
    const when = new Date(date);
    const [day = 1, month = 1, year = 2000] = numeric
      .formatToParts(when)
      .filter((p) => p.type !== 'literal')
      .map((p) => Number(p.value));
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    const text = base
      .formatToParts(when)
      .map((part) => {
        if (part.type === 'weekday') return words.weekdays[weekday];
        if (part.type === 'month' && !/^\d+$/.test(part.value))
          return (longMonth ? words.months : words.monthsShort)[month - 1];
        if (part.type === 'literal')
          return part.value.replace(' at ', ', ').replace(', ', words.comma);
        return part.value;
      })
      .join('');
    return localDigits(text, words);
  };
  return { format, resolvedOptions: () => base.resolvedOptions() };
}

/** Intl.ListFormat's format and formatToParts: "a, b iyo c". */
export function fallbackListFormat(words: Words, options: Intl.ListFormatOptions) {
  const joiner = (i: number, count: number) =>
    i === count - 1 && options.type !== 'unit' ? ` ${words.and} ` : words.comma;
  const formatToParts = (items: Iterable<string>) => {
    const list = [...items];
    return list.flatMap((value, i) => [
      ...(i > 0 ? [{ type: 'literal' as const, value: joiner(i, list.length) }] : []),
      { type: 'element' as const, value },
    ]);
  };
  return {
    formatToParts,
    format: (items: Iterable<string>) =>
      formatToParts(items)
        .map((p) => p.value)
        .join(''),
  };
}
