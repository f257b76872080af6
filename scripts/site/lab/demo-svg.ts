/// <reference lib="dom" />
/** Small DOM helpers the live demos share: SVG and HTML elements with attributes. */

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes (numbers written as they are). */
export function svgElement(tag: string, attributes: Record<string, string | number> = {}, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An HTML element with its attributes and text. */
export function htmlElement<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Percent with one decimal: 0.8114 -> "81.1%". */
export const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;
