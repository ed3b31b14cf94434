/** Nominal typing for plain numbers and strings: `Brand<number, 'IntId'>` is not assignable from `number`. */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };
