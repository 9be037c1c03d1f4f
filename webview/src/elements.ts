// The @vscode-elements components the designer uses (imported one by one to keep the bundle
// small) and their JSX typings for React.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type ElementProps = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'vscode-button': ElementProps & { icon?: string; secondary?: boolean; disabled?: boolean; iconOnly?: boolean };
      'vscode-badge': ElementProps & { variant?: 'default' | 'counter' };
    }
  }
}
