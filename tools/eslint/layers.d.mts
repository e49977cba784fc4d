import type { Rule } from 'eslint';

export function layerOf(relativePath: string): string | null;
export function layerAllows(fromRelative: string, toRelative: string): boolean;
export const COMMON_MODULE_RANKS: Readonly<Record<string, number>>;
export function commonModuleOf(relativePath: string): string | null;
export function commonOrderViolation(fromRelative: string, toRelative: string): { messageId: 'commonOrder'; from: string; to: string } | { messageId: 'unranked'; module: string } | null;
export const layersRule: Rule.RuleModule;
declare const plugin: { rules: { 'import-direction': Rule.RuleModule } };
export default plugin;
