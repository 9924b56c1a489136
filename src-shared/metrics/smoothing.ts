/**
 * TensorBoard's scalar smoothing ("classicSmoothing", tensorboard/webapp/widgets/line_chart_v2/data_transformer.ts):
 * a debiased exponential moving average,
 *   m_t = w·m_{t−1} + (1 − w)·x_t,  m_0 = 0,  shown as m_t / (1 − w^n_t)
 * where n_t counts the finite points so far. Dividing by 1 − w^n removes the pull towards the zero start, as Adam
 * does for its moment estimates (Kingma & Ba 2015, §3). Non-finite points are passed through unchanged and do not
 * move the average. A weight outside [0, 1] is clamped, a non-finite one read as 0 (no smoothing).
 *
 * A series whose finite values are all equal is returned as it is: smoothing cannot change it, and the division
 * would otherwise turn a flat line of 0.1 into 0.1 ± an ulp (TensorBoard issue #786). TensorBoard checks this on
 * all points, so there a NaN among equal values lets the rounding through; here it does not.
 */
export function smoothEma(values: number[], weight: number): number[] {
  const w = Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : 0;
  const finite = values.filter(Number.isFinite);
  if (finite.every((v) => v === finite[0])) return values.slice();
  let last = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    last = last * w + (1 - w) * value;
    count++;
    // At w = 1 the average never leaves 0, and 1 − w^n would be 0: TensorBoard shows that 0 rather than divide.
    const debias = w === 1 ? 1 : 1 - Math.pow(w, count);
    return last / debias;
  });
}
