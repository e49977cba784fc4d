// The app's icons: small SVGs bundled with the app (drawn on a 16×16 grid in currentColor), so
// they look the same everywhere and never depend on an emoji font the system may lack.
// Decorative by default (aria-hidden); pass `label` when the icon alone carries meaning.

const PATHS = {
  error: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm-3 5.75h6v1.5H5Z',
  warning: 'M8 1.5 15 14H1Zm-.75 4.5v4h1.5V6Zm0 5v1.5h1.5V11Z',
  info: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm-.75 3h1.5V6h-1.5Zm0 2.5h1.5v4.5h-1.5Z',
  check: 'M6.2 11.6 2.6 8l1-1.1 2.6 2.6 6.2-6.2 1 1.1Z',
  close: 'M4 3 8 7l4-4 1 1-4 4 4 4-1 1-4-4-4 4-1-1 4-4-4-4Z',
  'arrow-up': 'M8 2.5 13 7.5l-1 1L8.75 5.25V13.5h-1.5V5.25L4 8.5l-1-1Z',
  'arrow-down': 'M8 13.5 3 8.5l1-1 3.25 3.25V2.5h1.5v8.25L12 7.5l1 1Z',
  'chevron-down': 'M3.5 6 4.5 5 8 8.5 11.5 5l1 1L8 10.5Z',
  'chevron-right': 'M6 3.5 5 4.5 8.5 8 5 11.5l1 1L10.5 8Z',
  folder: 'M1.5 3h5l1.5 1.5h6.5v8.5h-13Z',
  file: 'M3 1.5h6.5L13 5v9.5H3Zm6 .9V5.5h3.1Z',
  dot: 'M8 4.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7Z',
  partial: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm0 1.5v10a5 5 0 0 1 0-10Z',
  dash: 'M3.5 7.25h9v1.5h-9Z',
  question: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm-.75 9.5h1.5v1.5h-1.5Zm.8-7.5c1.6 0 2.7 1 2.7 2.3 0 1.1-.6 1.6-1.3 2.1-.4.3-.6.5-.6 1.1h-1.5c0-1 .5-1.5 1-1.9.5-.4.9-.6.9-1.3 0-.5-.5-.9-1.2-.9s-1.2.4-1.3 1.1L5.3 5.8C5.5 4.4 6.6 3.5 8.05 3.5Z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, label, className }: { name: IconName; label?: string; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="currentColor"
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
      data-icon={name}
    >
      <path fillRule="evenodd" d={PATHS[name]} />
    </svg>
  );
}
