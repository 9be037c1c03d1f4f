// Toolbar button: forget where nodes were dragged and lay the graph out afresh.
import { ToolbarButton } from '../components/ToolbarButton';

export function TidyButton({ disabled, onTidy, compact = false }: { disabled: boolean; onTidy(): void; compact?: boolean }) {
  return (
    <ToolbarButton
      icon="layout"
      label="Tidy"
      description="Tidy layout: forget dragged positions and lay out the graph afresh"
      className="pw-tidy-button"
      compact={compact}
      disabled={disabled}
      onClick={onTidy}
    />
  );
}
