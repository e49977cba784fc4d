import type { Rule } from 'eslint';

export function layerOf(relativePath: string): string | null;
export const layersRule: Rule.RuleModule;
declare const plugin: { rules: { 'import-direction': Rule.RuleModule } };
export default plugin;
