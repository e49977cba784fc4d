// The in-page menu bar of the browser host (the desktop app uses the native menu instead).
// Keyboard as on the desktop: Alt (pressed alone) or F10 moves to the menu bar, Alt+letter opens
// the menu with that underlined letter (mnemonic), a letter in an open menu runs its item;
// Enter/Space/ArrowDown open a menu, arrows move, Escape closes and goes back.
import { Fragment, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { altShortcutLetters } from '../../../shared/common/commands/table';
import { assignMnemonics, baseLetter } from '../../../shared/common/commands/mnemonics';
import { Icon } from './Icon';

export interface MenuItem {
  id: string;
  label: string;
  shortcut?: string;
  checked?: boolean;
  disabled?: boolean;
  run(): void;
}

export interface MenuDefinition {
  id: string;
  label: string;
  items: (MenuItem | 'separator')[];
}

/** The label with its mnemonic letter underlined. */
function WithMnemonic({ label, index }: { label: string; index: number }) {
  if (index < 0) return <>{label}</>;
  const letter = Array.from(label.slice(index))[0]!;
  return (
    <Fragment>
      {label.slice(0, index)}
      <span className="menu-mnemonic">{letter}</span>
      {label.slice(index + letter.length)}
    </Fragment>
  );
}

/** The mnemonic index of each item of a menu, by item id. */
function itemMnemonics(menu: MenuDefinition): Map<string, number> {
  const entries = menu.items.filter((item): item is MenuItem => item !== 'separator');
  const indexes = assignMnemonics(entries.map((item) => item.label));
  return new Map(entries.map((item, position) => [item.id, indexes[position]!]));
}

const letterAt = (label: string, index: number) => (index < 0 ? '' : baseLetter(Array.from(label.slice(index))[0]!));

export function MenuBar({ menus }: { menus: MenuDefinition[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  /** Where the focus was before the keyboard moved it to the menu bar (Escape goes back there). */
  const returnFocus = useRef<HTMLElement | null>(null);
  const { t } = useI18n();
  const menuMnemonics = assignMnemonics(
    menus.map((menu) => menu.label),
    altShortcutLetters(),
  );

  const focusBar = (menuId?: string) => {
    if (!bar.current?.contains(document.activeElement)) returnFocus.current = document.activeElement as HTMLElement | null;
    if (menuId) return setOpen(menuId);
    bar.current?.querySelector<HTMLElement>('[data-menu-button]')?.focus();
  };
  const leaveBar = () => {
    setOpen(null);
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back && back.isConnected && back !== document.body) back.focus();
    else (document.activeElement as HTMLElement | null)?.blur();
  };

  // Alt alone, F10, Alt+mnemonic.
  useEffect(() => {
    let altAlone = false;
    const onKeyDown = (event: KeyboardEvent) => {
      altAlone = event.key === 'Alt' && !event.ctrlKey && !event.metaKey && !event.shiftKey;
      if (event.defaultPrevented) return;
      if (event.key === 'F10' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        if (bar.current?.contains(document.activeElement)) leaveBar();
        else focusBar();
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.length === 1) {
        const index = menus.findIndex((menu, position) => letterAt(menu.label, menuMnemonics[position]!) === baseLetter(event.key));
        if (index >= 0) {
          event.preventDefault();
          focusBar(menus[index]!.id);
        }
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key !== 'Alt' || !altAlone) return;
      altAlone = false;
      event.preventDefault();
      if (bar.current?.contains(document.activeElement)) leaveBar();
      else focusBar();
    };
    const onPointer = () => (altAlone = false);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('pointerdown', onPointer);
    };
  });

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!bar.current?.contains(event.target as Node)) setOpen(null);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  useEffect(() => {
    if (open) bar.current?.querySelector<HTMLElement>(`[data-menu="${open}"] .menu-popup [role^="menuitem"]:not([aria-disabled="true"])`)?.focus();
  }, [open]);

  function moveFocus(event: React.KeyboardEvent, menuId: string) {
    const items = Array.from(bar.current?.querySelectorAll<HTMLElement>(`[data-menu="${menuId}"] .menu-popup [role^="menuitem"]`) ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
      next?.focus();
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const position = menus.findIndex((menu) => menu.id === menuId);
      const neighbour = menus[(position + (event.key === 'ArrowRight' ? 1 : menus.length - 1)) % menus.length];
      if (neighbour) setOpen(neighbour.id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(null);
      bar.current?.querySelector<HTMLElement>(`[data-menu-button="${menuId}"]`)?.focus();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const menu = menus.find((candidate) => candidate.id === menuId);
      const entries = (menu?.items ?? []).filter((item): item is MenuItem => item !== 'separator');
      const mnemonics = menu ? itemMnemonics(menu) : new Map<string, number>();
      const chosen = entries.find((item) => letterAt(item.label, mnemonics.get(item.id) ?? -1) === baseLetter(event.key));
      if (chosen && !chosen.disabled) {
        event.preventDefault();
        setOpen(null);
        chosen.run();
      }
    }
  }

  return (
    <div className="menubar" role="menubar" aria-label={t('app.name')} ref={bar}>
      {menus.map((menu, menuIndex) => (
        <div className="menu" key={menu.id} data-menu={menu.id} role="none">
          <button
            type="button"
            role="menuitem"
            className="menu-button"
            data-menu-button={menu.id}
            aria-haspopup="menu"
            aria-expanded={open === menu.id}
            onClick={() => setOpen(open === menu.id ? null : menu.id)}
            aria-keyshortcuts={menuMnemonics[menuIndex]! >= 0 ? `Alt+${letterAt(menu.label, menuMnemonics[menuIndex]!).toUpperCase()}` : undefined}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                setOpen(menu.id);
              } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                event.preventDefault();
                const neighbour = menus[(menuIndex + (event.key === 'ArrowRight' ? 1 : menus.length - 1)) % menus.length]!;
                bar.current?.querySelector<HTMLElement>(`[data-menu-button="${neighbour.id}"]`)?.focus();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                leaveBar();
              }
            }}
            onMouseEnter={() => open && open !== menu.id && setOpen(menu.id)}
          >
            <WithMnemonic label={menu.label} index={menuMnemonics[menuIndex]!} />
          </button>
          {open === menu.id && (
            <div className="menu-popup" role="menu" aria-label={menu.label} onKeyDown={(event) => moveFocus(event, menu.id)}>
              {menu.items.map((item, index) =>
                item === 'separator' ? (
                  <div className="menu-separator" role="separator" key={`separator-${index}`} />
                ) : (
                  <button
                    type="button"
                    key={item.id}
                    role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
                    aria-checked={item.checked}
                    aria-disabled={item.disabled || undefined}
                    className="menu-item"
                    data-command={item.id}
                    tabIndex={-1}
                    onClick={() => {
                      if (item.disabled) return;
                      setOpen(null);
                      item.run();
                    }}
                  >
                    <span className="menu-check" aria-hidden="true">
                      {item.checked ? <Icon name="check" /> : null}
                    </span>
                    <span className="menu-label">
                      <WithMnemonic label={item.label} index={itemMnemonics(menu).get(item.id) ?? -1} />
                    </span>
                    {item.shortcut && <span className="menu-shortcut">{item.shortcut}</span>}
                  </button>
                ),
              )}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
