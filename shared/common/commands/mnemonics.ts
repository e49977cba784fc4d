// Access keys (mnemonics) for menu labels, chosen the way desktop toolkits do when none are written in the
// catalogue: each label takes its first letter not taken yet by an earlier label (nor reserved
// for a shortcut), so "File, Edit, View, Help" get F, E, V, H and "Affichage, Aide" get A, i.

/** For each label, the index of its mnemonic letter in the label, or -1 when none is left. */
export function assignMnemonics(labels: readonly string[], reserved: ReadonlySet<string> = new Set()): number[] {
  const taken = new Set(reserved);
  return labels.map((label) => {
    const characters = Array.from(label);
    let offset = 0;
    for (const character of characters) {
      const letter = character.toLocaleLowerCase();
      if (/\p{L}|\p{N}/u.test(character) && !taken.has(baseLetter(letter))) {
        taken.add(baseLetter(letter));
        return offset;
      }
      offset += character.length;
    }
    return -1;
  });
}

/** "é" and "e" are one key: the mnemonic of "Édition" is pressed as E. */
export function baseLetter(character: string): string {
  return character.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** The label as a native menu writes it: "&File", "A&ide"; a literal "&" doubled. */
export function withAmpersandMnemonic(label: string, index: number): string {
  const escaped = (text: string) => text.replace(/&/g, '&&');
  if (index < 0) return escaped(label);
  return `${escaped(label.slice(0, index))}&${escaped(label.slice(index))}`;
}
