// Text contrast as WCAG 2 computes it (relative luminance, (L1 + 0.05) / (L2 + 0.05)), measured in
// the page on the colours the browser computed: for the e2e checks that need it beyond axe (a
// selected node axe leaves "incomplete", buttons that must stay readable in both themes).
import type { Locator } from 'playwright-core';

/**
 * Elements below `root` (and `root` itself) whose text contrast against the background under them
 * is below 4.5:1, as `tag.class "text": ratio:1` lines. `elements`: the parts holding text of their
 * own, or the enabled buttons.
 */
export function lowContrastElements(root: Locator, elements: 'text-parts' | 'buttons'): Promise<string[]> {
  return root.evaluate((rootElement, which) => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((channel) => channel / 255).map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4)).reduce((sum, value, index) => sum + value * [0.2126, 0.7152, 0.0722][index]!, 0);
    const backgroundOf = (element: Element | null): number[] => {
      for (let current = element; current; current = current.parentElement) {
        const color = rgb(getComputedStyle(current).backgroundColor);
        if (color.length === 3 || (color.length === 4 && color[3]! > 0.5)) return color;
      }
      return [255, 255, 255];
    };
    const candidates =
      which === 'buttons'
        ? Array.from(rootElement.querySelectorAll('button')).filter((button) => !button.disabled)
        : [rootElement, ...Array.from(rootElement.querySelectorAll('*'))].filter((element) => Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''));
    return candidates
      .filter((element) => element.getClientRects().length > 0)
      .flatMap((element) => {
        const [light, dark] = [luminance(rgb(getComputedStyle(element).color)), luminance(backgroundOf(element))].sort((a, b) => b - a);
        const ratio = (light! + 0.05) / (dark! + 0.05);
        return ratio < 4.5 ? [`${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 30)}": ${ratio.toFixed(2)}:1`] : [];
      });
  }, elements);
}
