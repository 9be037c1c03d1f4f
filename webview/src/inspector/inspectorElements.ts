// The @vscode-elements components the inspector uses, imported one by one (the bundle stays
// lean), and their JSX typings. Values and `change`/`input` events are wired through refs in
// fields.tsx: the elements fire plain DOM events that React's own handlers do not cover.
import '@vscode-elements/elements/dist/vscode-form-group/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type ElementProps = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>;
interface ControlProps {
  value?: string;
  label?: string;
  disabled?: boolean;
  invalid?: boolean;
  placeholder?: string;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'vscode-form-group': ElementProps & { variant?: 'horizontal' | 'vertical' | 'settings-group' };
      'vscode-label': ElementProps;
      'vscode-option': ElementProps & { value?: string; disabled?: boolean; description?: string };
      'vscode-single-select': ElementProps & ControlProps;
      'vscode-textarea': ElementProps & ControlProps & { rows?: number };
      'vscode-textfield': ElementProps & ControlProps;
    }
  }
}
