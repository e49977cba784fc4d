import { createContext, useContext } from 'react';
import { translator, type Language } from '../../shared/common/i18n/index';

export type Translate = ReturnType<typeof translator>;

export interface I18nValue {
  language: Language;
  t: Translate;
}

export const I18nContext = createContext<I18nValue>({ language: 'en', t: translator('en') });

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
