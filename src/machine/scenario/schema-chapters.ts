import * as z from 'zod/mini';
import { timeSchema } from './schema-common.ts';

/**
 * A chapter: a named moment of the story with a one- or two-sentence caption. Presenter mode
 * walks the chapters with a clicker, so a talk is a scenario file.
 */
export const chapterSchema = z.strictObject({
  at: timeSchema,
  title: z.string().check(z.minLength(1), z.maxLength(80)),
  caption: z._default(z.string().check(z.maxLength(400)), ''),
});

export type Chapter = z.output<typeof chapterSchema>;

/** Chapters in time order; two chapters at the same time would be one slide twice. */
export const chaptersSchema = z._default(
  z.array(chapterSchema).check(
    z.maxLength(64),
    z.superRefine((chapters: Chapter[], ctx) => {
      for (let i = 1; i < chapters.length; i++)
        if ((chapters[i]?.at ?? 0) <= (chapters[i - 1]?.at ?? 0))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'at'],
            message: 'chapters must be in time order, each later than the one before',
            input: chapters[i],
          });
    }),
  ),
  [],
);
