import { drag } from 'd3-drag';
import { select } from 'd3-selection';

export interface View {
  /** Degrees around the vertical axis. */
  azimuth: number;
  /** Degrees above the horizon, clamped to [5, 89]. */
  elevation: number;
}

export interface Rotatable {
  view: View;
  /** Redraws with the current view. */
  redraw(): void;
  setView(v: View): void;
}

const clampElevation = (e: number): number => Math.max(5, Math.min(89, e));
const wrap = (a: number): number => ((((a + 180) % 360) + 360) % 360) - 180;

/**
 * Makes `el` a rotatable 3D figure: drag horizontally to change the azimuth, vertically for the
 * elevation; arrow keys do the same when it has focus. `draw(view)` returns the SVG string (from
 * @tessera/render-svg). The current view is mirrored in `data-azimuth` / `data-elevation`.
 */
export function rotatable(
  el: HTMLElement,
  draw: (view: View) => string,
  initial: View = { azimuth: -35, elevation: 30 },
  onChange?: (view: View) => void,
): Rotatable {
  const state: Rotatable = {
    view: { ...initial },
    redraw() {
      el.innerHTML = draw(state.view);
      el.dataset.azimuth = state.view.azimuth.toFixed(1);
      el.dataset.elevation = state.view.elevation.toFixed(1);
    },
    setView(v: View) {
      state.view = { azimuth: wrap(v.azimuth), elevation: clampElevation(v.elevation) };
      state.redraw();
      onChange?.(state.view);
    },
  };
  el.classList.add('rotatable');
  el.tabIndex = 0;
  el.setAttribute('role', 'group');
  if (!el.getAttribute('aria-label')) el.setAttribute('aria-label', '3D view: drag or use the arrow keys to rotate');
  let frame = 0;
  const schedule = (v: View): void => {
    state.view = { azimuth: wrap(v.azimuth), elevation: clampElevation(v.elevation) };
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      state.redraw();
      onChange?.(state.view);
    });
  };
  select(el).call(
    drag<HTMLElement, unknown>()
      .container(el)
      .on('drag', (event: { dx: number; dy: number }) => {
        schedule({ azimuth: state.view.azimuth + event.dx * 0.6, elevation: state.view.elevation + event.dy * 0.4 });
      }),
  );
  el.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 15 : 5;
    const v = state.view;
    if (e.key === 'ArrowLeft') schedule({ ...v, azimuth: v.azimuth - step });
    else if (e.key === 'ArrowRight') schedule({ ...v, azimuth: v.azimuth + step });
    else if (e.key === 'ArrowUp') schedule({ ...v, elevation: v.elevation + step });
    else if (e.key === 'ArrowDown') schedule({ ...v, elevation: v.elevation - step });
    else return;
    e.preventDefault();
  });
  state.redraw();
  return state;
}
