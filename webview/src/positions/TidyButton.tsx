// Toolbar button: forget where nodes were dragged and lay the graph out afresh.
export function TidyButton({ disabled, onTidy }: { disabled: boolean; onTidy(): void }) {
  return (
    <vscode-button
      secondary
      icon="layout"
      className="pw-tidy-button"
      aria-label="Tidy layout: forget dragged positions and lay out the graph afresh"
      title="Tidy layout: forget dragged positions and lay out the graph afresh"
      disabled={disabled}
      onClick={() => {
        if (!disabled) onTidy();
      }}
    >
      Tidy
    </vscode-button>
  );
}
