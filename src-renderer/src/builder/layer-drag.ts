/** The drag-and-drop data type a palette item carries: the layer type, read when it is dropped on the canvas. */
export const LAYER_DRAG_TYPE = 'application/x-latent-lab-layer';
