// The user's settings (theme, language) as the app uses them: the resolved language and its
// translator, the resolved theme (following the system when asked), applied to the page.
import { useEffect, useMemo, useState } from 'react';
import type { HostClient, Settings } from '../../shared/common/ipc';
import { resolveLanguage, translator } from '../../shared/common/i18n/index';
import { setQuickFixTranslator } from './editor/quick-fixes';
import { setXmlLanguageTranslator } from './editor/xml-language';

function systemPrefersDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export function useAppSettings(client: HostClient, onError: (error: unknown) => void) {
  const [settings, setSettings] = useState<Settings>({ theme: 'system', language: 'system', keepUnlockedMinutes: 5, trustedRootPaths: [] });
  const [prefersDark, setPrefersDark] = useState(systemPrefersDark);
  const language = resolveLanguage(settings.language, navigator.languages ?? [navigator.language]);
  const t = useMemo(() => translator(language), [language]);
  // The i18n context's value: the same object until the language changes, so a re-render of the
  // app does not re-render every component that translates (memoised panes included).
  const i18n = useMemo(() => ({ language, t }), [language, t]);
  const theme: 'light' | 'dark' = settings.theme === 'system' ? (prefersDark ? 'dark' : 'light') : settings.theme;

  useEffect(() => setXmlLanguageTranslator(t), [t]);
  useEffect(() => setQuickFixTranslator(t), [t]);
  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = () => setPrefersDark(query.matches);
    query?.addEventListener('change', onChange);
    return () => query?.removeEventListener('change', onChange);
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = language;
    document.title = t('app.name');
  }, [theme, language, t]);

  async function updateSettings(update: Partial<Settings>) {
    try {
      setSettings(await client.invoke('settings.update', update));
    } catch (error) {
      onError(error);
    }
  }

  return { settings, setSettings, updateSettings, language, t, i18n, theme };
}
