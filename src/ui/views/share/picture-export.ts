/**
 * The diagram as a picture for slides: the same layout the page draws (geometry.ts), as a
 * standalone SVG document (svg.ts), or that SVG drawn on a canvas as a PNG.
 */
import type { MachineView } from '../../../protocol/index.ts';
import { diagramLayout } from '../diagram/geometry.ts';
import { diagramInput } from '../diagram/input.ts';
import { DIAGRAM_FONT_SIZE } from '../diagram/palette.ts';
import { diagramSvg } from '../diagram/svg.ts';

/** Slide width in CSS px: four PE columns side by side at the page's type size. */
export const PICTURE_WIDTH = 1280;
/** PNG pixels per CSS px: sharp on a projector and in a slide scaled up. */
export const PNG_SCALE = 2;

export interface PictureOptions {
  readonly title: string;
  readonly showAll: boolean;
  readonly selectedKey: string | null;
  readonly selectedPe: number;
}

export interface Picture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export function diagramPicture(view: MachineView, options: PictureOptions): Picture {
  const layout = diagramLayout(
    diagramInput(view, {
      width: PICTURE_WIDTH,
      fontSize: DIAGRAM_FONT_SIZE.normal,
      showAll: options.showAll,
      selectedKey: options.selectedKey,
      selectedPe: options.selectedPe,
    }),
  );
  return { svg: diagramSvg(layout, options.title), width: layout.width, height: layout.height };
}

/** Draws the SVG on a canvas (CSP: img-src blob:) and encodes it as PNG. */
export async function pictureToPng(picture: Picture, scale = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([picture.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(picture.width * scale);
    canvas.height = Math.ceil(picture.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, picture.width, picture.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** `rfc-nmi-101.0us`: the scenario and the moment, safe as a file name. */
export function pictureName(scenarioId: string, timeNs: number): string {
  const id = scenarioId.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '') || 'gicscope';
  return `${id}-${(timeNs / 1000).toFixed(1)}us`;
}
