import { onBeforeUnmount, onMounted, type Ref } from 'vue';

/**
 * Makes a <details> popover close as popovers do: on Escape (focus returns to its summary, so the keyboard user
 * is where they were) and on a click or tap outside it.
 */
export function usePopoverDismiss(popover: Ref<HTMLDetailsElement | null>): void {
  const onKey = (event: KeyboardEvent) => {
    const el = popover.value;
    if (event.key !== 'Escape' || !el?.open) return;
    el.open = false;
    el.querySelector('summary')?.focus();
  };
  const onPointer = (event: PointerEvent) => {
    const el = popover.value;
    if (el?.open && !el.contains(event.target as Node)) el.open = false;
  };
  onMounted(() => {
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
  });
  onBeforeUnmount(() => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('pointerdown', onPointer);
  });
}
