// The in-page menu bar of the browser host (the desktop app uses the native menu instead).
// Keyboard: Enter/Space/ArrowDown open a menu, arrows move, Escape closes.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

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

export function MenuBar({ menus }: { menus: MenuDefinition[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const { t } = useI18n();

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!bar.current?.contains(event.target as Node)) setOpen(null);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  useEffect(() => {
    if (open) bar.current?.querySelector<HTMLElement>(`[data-menu="${open}"] [role^="menuitem"]:not([aria-disabled="true"])`)?.focus();
  }, [open]);

  function moveFocus(event: React.KeyboardEvent, menuId: string) {
    const items = Array.from(bar.current?.querySelectorAll<HTMLElement>(`[data-menu="${menuId}"] [role^="menuitem"]`) ?? []);
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
    }
  }

  return (
    <div className="menubar" role="menubar" aria-label={t('app.name')} ref={bar}>
      {menus.map((menu) => (
        <div className="menu" key={menu.id} data-menu={menu.id} role="none">
          <button
            type="button"
            role="menuitem"
            className="menu-button"
            data-menu-button={menu.id}
            aria-haspopup="menu"
            aria-expanded={open === menu.id}
            onClick={() => setOpen(open === menu.id ? null : menu.id)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                setOpen(menu.id);
              }
            }}
            onMouseEnter={() => open && open !== menu.id && setOpen(menu.id)}
          >
            {menu.label}
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
                      {item.checked ? '✓' : ''}
                    </span>
                    <span className="menu-label">{item.label}</span>
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
