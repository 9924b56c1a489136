import { useVueFlow } from '@vue-flow/core';
import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref, type ShallowRef } from 'vue';
import type { BuilderGraph } from './graph';
import { fitZoom, layoutToFit, layoutToFitEitherWay, MIN_READABLE_ZOOM, type LayoutDirection } from './layout';

const FIT_PADDING = 0.06;

/**
 * The layout of a graph for the Vue Flow canvas in the element `frame` (wrapped onto more lines where that shows it larger), and
 * `fit`, which fits the view to it without going below a readable zoom. The canvas is measured as it resizes (a pane
 * shown or hidden, the window resized) and fitted again when that changes its size.
 */
export function useFittedLayout(
  flowId: string,
  frame: Readonly<ShallowRef<HTMLElement | null>>,
  graph: Ref<BuilderGraph>,
  direction: Ref<LayoutDirection>,
  maxZoom: number,
  /** The room the layout is chosen for, from the canvas's measured size (a canvas that grows to fit gives its most). */
  room: (size: { width: number; height: number }) => { width: number; height: number } = (size) => size,
  /** Whether the layout may turn the other way (rows for columns) when that shows the model larger. */
  eitherWay = false,
) {
  const { fitView, setViewport } = useVueFlow(flowId);
  const size = ref<{ width: number; height: number } | null>(null);
  const observer = new ResizeObserver(([entry]) => {
    const { width, height } = entry.contentRect;
    if (!size.value || Math.abs(size.value.width - width) > 1 || Math.abs(size.value.height - height) > 1) size.value = { width, height };
  });
  onMounted(() => frame.value && observer.observe(frame.value));
  onBeforeUnmount(() => observer.disconnect());

  const layout = computed(() => (eitherWay ? layoutToFitEitherWay : layoutToFit)(graph.value, direction.value, size.value && room(size.value), FIT_PADDING, maxZoom));
  /** The zoom the layout is drawn at in a canvas `width` wide with room to grow: fitted, but never below readable. */
  const zoomAcross = (width: number) => Math.max(MIN_READABLE_ZOOM, Math.min(maxZoom, width / (layout.value.width * (1 + FIT_PADDING))));

  async function fit(): Promise<void> {
    await nextTick();
    // Vue Flow measures new nodes in the next frame; fit once they have sizes.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const viewport = size.value;
        if (viewport && fitZoom(layout.value, viewport, FIT_PADDING) < MIN_READABLE_ZOOM) void setViewport({ x: 12, y: 12, zoom: MIN_READABLE_ZOOM });
        else void fitView({ padding: FIT_PADDING, maxZoom });
      }),
    );
  }
  watch(() => `${layout.value.perLine}:${size.value?.width ?? 0}×${size.value?.height ?? 0}`, fit);

  return { layout, fit, size, zoomAcross, padding: FIT_PADDING };
}
