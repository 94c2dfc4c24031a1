/** A colour of the comment's charts, and the word the comment's text calls it by. */
export interface ChartColour {
  readonly name: string;
  readonly hex: string;
  /** The emoji square that shows the colour in the text, where GitHub allows no styled text. */
  readonly square: string;
}

/** Before and after in two colours told apart by every common form of colour blindness. */
export const BEFORE: ChartColour = { name: 'blue', hex: '#1f77b4', square: '🟦' };
export const AFTER: ChartColour = { name: 'orange', hex: '#ff7f0e', square: '🟧' };

/** `#rrggbb` → name, for the rendering check: a line in a colour not here, or not named above its chart, has no legend. */
export const COLOUR_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  [BEFORE, AFTER].map((c) => [c.hex, c.name]),
);
