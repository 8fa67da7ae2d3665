/** Tiny DOM helpers: every control gets a visible <label>, so the pages are keyboard and screen-reader friendly. */

type Attrs = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el as T;
}

export interface SliderOptions {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** Formats the value shown next to the slider. */
  format?: (v: number) => string;
  onInput: (v: number) => void;
}

/** A labelled range input with its live value in an <output>. Arrow keys move it (native). */
export function slider(o: SliderOptions): { root: HTMLElement; input: HTMLInputElement; set(v: number): void } {
  const fmt = o.format ?? ((v: number) => String(v));
  const input = h('input', { type: 'range', id: o.id, min: o.min, max: o.max, step: o.step, value: o.value });
  const out = h('output', { for: o.id, text: fmt(o.value) });
  input.addEventListener('input', () => {
    const v = Number(input.value);
    out.textContent = fmt(v);
    o.onInput(v);
  });
  const root = h('div', { class: 'control' }, h('label', { for: o.id, text: o.label }), input, out);
  return {
    root,
    input,
    set(v: number) {
      input.value = String(v);
      out.textContent = fmt(v);
    },
  };
}

export function select(
  id: string,
  label: string,
  options: ReadonlyArray<readonly [string, string]>,
  value: string,
  onChange: (v: string) => void,
): { root: HTMLElement; input: HTMLSelectElement } {
  const input = h('select', { id });
  for (const [v, text] of options) input.append(h('option', { value: v, text, selected: v === value }));
  input.value = value;
  input.addEventListener('change', () => onChange(input.value));
  return { root: h('div', { class: 'control' }, h('label', { for: id, text: label }), input), input };
}

export function textInput(
  id: string,
  label: string,
  value: string,
  onCommit: (v: string) => void,
  attrs: Attrs = {},
): { root: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type: 'text', id, value, spellcheck: 'false', autocomplete: 'off', ...attrs });
  input.addEventListener('change', () => onCommit(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') onCommit(input.value);
  });
  return { root: h('div', { class: 'control' }, h('label', { for: id, text: label }), input), input };
}

export function button(id: string, text: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', id, text, ...attrs });
  b.addEventListener('click', onClick);
  return b;
}

/** Shows (or clears, with an empty text) an inline message in a `role="alert"` box. */
export function setMessage(el: HTMLElement, text: string, kind: 'error' | 'info' = 'error'): void {
  el.textContent = text;
  el.className = `message ${text ? kind : ''}`;
  el.hidden = !text;
}

export function messageBox(id: string): HTMLElement {
  const el = h('p', { id, class: 'message', role: 'alert', 'aria-live': 'polite' });
  el.hidden = true;
  return el;
}

/** Puts an SVG string into a figure container. The string comes from @tessera/render-svg (our own markup). */
export function setSvg(el: HTMLElement, svg: string): void {
  el.innerHTML = svg;
}

export const fmt = (v: number, digits = 3): string =>
  Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(digits);
