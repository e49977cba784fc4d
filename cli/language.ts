// The language of the CLI's messages and reports: PROVSTUDIO_LANG, LC_ALL, LC_MESSAGES, LANG.
import { languageFromLocales, type Language } from '../shared/common/i18n/core';

export function cliLanguage(env: NodeJS.ProcessEnv): Language {
  const tags = [env.PROVSTUDIO_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].filter((tag): tag is string => !!tag && tag !== 'C' && tag !== 'POSIX');
  return languageFromLocales(tags);
}
