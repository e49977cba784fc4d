// One catalogue, loaded when asked for: each language is its own module (and, in the CLI bundle,
// its own chunk), so a process that speaks French parses French and English, never Portuguese.
import { ENGLISH, type Catalogue, type Language } from './core';

export async function loadCatalogue(language: Language): Promise<Catalogue> {
  switch (language) {
    case 'en':
      return ENGLISH;
    case 'fr':
      return (await import('./fr')).fr;
    case 'pt':
      return (await import('./pt')).pt;
  }
}
