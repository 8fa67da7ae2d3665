import { h, messageBox, setMessage } from './dom.js';

/** Runs a redraw, turning any error into the section's inline message (the page keeps working). */
export function guarded(msg: HTMLElement, redraw: () => void): () => void {
  return () => {
    try {
      redraw();
      setMessage(msg, '');
    } catch (err) {
      setMessage(msg, err instanceof Error ? err.message : String(err));
    }
  };
}

/** A message box appended to `parent` (for per-section errors). */
export function sectionMessage(parent: HTMLElement, id: string): HTMLElement {
  const m = messageBox(id);
  parent.append(m);
  return m;
}

export function statLine(el: HTMLElement, items: Array<[string, string]>): void {
  el.replaceChildren(
    ...items.flatMap(([k, v], i) => [
      ...(i ? [document.createTextNode(' · ')] : []),
      h('span', { class: 'hint', text: `${k} ` }),
      h('strong', { text: v }),
    ]),
  );
}
