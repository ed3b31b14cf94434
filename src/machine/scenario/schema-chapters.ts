import { z } from 'zod';
import { timeSchema } from './schema-common.ts';

/**
 * A chapter: a named moment of the story with a one- or two-sentence caption. Presenter mode
 * walks the chapters with a clicker, so a talk is a scenario file.
 */
export const chapterSchema = z
  .object({
    at: timeSchema,
    title: z.string().min(1).max(80),
    caption: z.string().max(400).default(''),
  })
  .strict();

/** Chapters in time order; two chapters at the same time would be one slide twice. */
export const chaptersSchema = z
  .array(chapterSchema)
  .max(64)
  .default([])
  .superRefine((chapters, ctx) => {
    for (let i = 1; i < chapters.length; i++)
      if (chapters[i].at <= chapters[i - 1].at)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'at'],
          message: 'chapters must be in time order, each later than the one before',
        });
  });

export type Chapter = z.output<typeof chapterSchema>;
