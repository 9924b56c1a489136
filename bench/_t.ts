import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src-main/trainer/backend';
import { familyOf } from '../src-main/trainer/families';
import { createAutoencoder } from '../src-main/trainer/models/autoencoder';
import { trainStep } from '../src-main/trainer/train-step';
import { FusedAdamOptimizer } from '../src-main/trainer/fused-adam';
import { bernoulliNll } from '../src-main/trainer/objectives/bernoulli-nll';
const time = (fn: () => void, ms = 1500) => { for (let i = 0; i < 5; i++) fn(); const t = performance.now(); let n = 0; while (performance.now() - t < ms) { fn(); n++; } return (performance.now() - t) / n; };
(async () => {
  await selectBackend('wasm');
  for (const [d, hidden] of [[784, 400], [784, 4], [16, 4]]) {
    const x = tf.randomUniform([1920, d]).greater(0.5).toFloat();
    const config = { family: 'vae' as const, hidden: [hidden], activation: 'relu' as const, latentDim: 20, likelihood: 'bernoulli' as const, sigma: 0.1 };
    const model = createAutoencoder(config, [d], 1);
    const family = familyOf(config);
    const objective = { beta: 1, warmupSteps: 0, freeBits: 0, iwaeSamples: 1 };
    const optimizer = new FusedAdamOptimizer(1e-3);
    let step = 0;
    const idx = tf.range(0, 128, 1, 'int32');
    const full = time(() => { const xb = x.slice([(step % 15) * 128, 0], [128, -1]); trainStep(family, model, config, optimizer, xb, { step, noiseSeed: step, objective }); xb.dispose(); step++; });
    const sl = time(() => { x.slice([(step++ % 15) * 128, 0], [128, -1]).dispose(); });
    const ga = time(() => { tf.gather(x, idx).dispose(); });
    const xb = x.slice([0, 0], [128, -1]);
    const fwd = time(() => tf.tidy(() => { family.batchLoss(model, config, xb as tf.Tensor2D, { step: 1, noiseSeed: 1, objective }).loss.dataSync(); }));
    const grads = time(() => tf.tidy(() => { const { value, grads } = tf.variableGrads(() => family.batchLoss(model, config, xb as tf.Tensor2D, { step: 1, noiseSeed: 1, objective }).loss); value.dataSync(); }));
    const logits = tf.randomNormal([128, d]);
    const loss = time(() => tf.tidy(() => { tf.sum(bernoulliNll(logits as tf.Tensor2D, xb as tf.Tensor2D)).dataSync(); }));
    const lossGrad = time(() => tf.tidy(() => { tf.grad((l: tf.Tensor) => tf.sum(bernoulliNll(l as tf.Tensor2D, xb as tf.Tensor2D)))(logits).dataSync(); }));
    console.log(`d=${d} h=${hidden}: step ${full.toFixed(2)} | slice ${sl.toFixed(3)} gather ${ga.toFixed(3)} | fwd+read ${fwd.toFixed(2)} fwd+bwd ${grads.toFixed(2)} | bern fwd ${loss.toFixed(2)} fwd+bwd ${lossGrad.toFixed(2)}`);
  }
})();
