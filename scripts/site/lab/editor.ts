/// <reference lib="dom" />
/**
 * The exercise editor (lab/editor.js): CodeMirror 6 with TypeScript highlighting. The page loads
 * this module only when a learner opens "Try it", so chapter pages stay light.
 */
import { basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { EditorView } from '@codemirror/view';
import { EditorSelection } from '@codemirror/state';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

/** What the page needs from an editor. */
export interface LabEditor {
  text(): string;
  setText(text: string): void;
  /** Puts the cursor on a 1-based line and scrolls it into view. */
  reveal(line: number): void;
}

const theme = EditorView.theme({
  '&': { fontSize: '0.9rem', border: '1px solid var(--border, #ccc)', borderRadius: '6px', maxHeight: '28rem' },
  '.cm-scroller': { fontFamily: 'var(--mono, ui-monospace, monospace)', overflow: 'auto' },
});

/**
 * Code colours from CSS variables (site.css sets GitHub's light and dark palettes, the ones
 * shiki uses for the code blocks), so they follow the page's theme. CodeMirror's default style
 * is made for a light background: its dark blues and purples are unreadable in dark mode.
 */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.modifier, tags.operatorKeyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: 'var(--cm-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--cm-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--cm-number)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.function(tags.definition(tags.variableName))], color: 'var(--cm-function)' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: 'var(--cm-type)' },
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--cm-property)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment, tags.docComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: tags.invalid, color: 'var(--cm-invalid)' },
]);

/** A TypeScript editor in `parent`; `onChange` gets the whole text after every edit. */
export function createEditor(parent: HTMLElement, text: string, onChange: (text: string) => void, label: string): LabEditor {
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      syntaxHighlighting(highlight),
      theme,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    setText: (next) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } }),
    reveal: (line) => {
      const at = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ selection: EditorSelection.cursor(at.from), effects: EditorView.scrollIntoView(at.from, { y: 'center' }) });
    },
  };
}
