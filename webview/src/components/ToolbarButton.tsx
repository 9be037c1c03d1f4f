// A toolbar button: icon and label, or the icon alone when the toolbar is compact (the label
// stays its accessible name and tooltip, the way VS Code's own title-bar actions work).
import type { ReactNode } from 'react';

export interface ToolbarButtonProps {
  icon: string;
  label: ReactNode;
  /** Accessible name and tooltip. */
  description: string;
  className: string;
  compact: boolean;
  disabled?: boolean;
  /** For toggles: whether it is on. */
  pressed?: boolean;
  keyShortcuts?: string;
  onClick(): void;
}

export function ToolbarButton({ icon, label, description, className, compact, disabled = false, pressed, keyShortcuts, onClick }: ToolbarButtonProps) {
  return (
    <vscode-button
      secondary
      icon={icon}
      iconOnly={compact}
      className={className}
      aria-label={description}
      title={description}
      {...(pressed !== undefined ? { 'aria-pressed': pressed ? 'true' : 'false' } : {})}
      {...(keyShortcuts ? { 'aria-keyshortcuts': keyShortcuts } : {})}
      disabled={disabled}
      onClick={() => {
        if (!disabled) onClick();
      }}
    >
      {compact ? null : label}
    </vscode-button>
  );
}
