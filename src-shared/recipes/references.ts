/**
 * Reference numbers of the reproduction recipes, written by `bench/recipe_references.py` (NumPy and PyTorch on real
 * Fashion-MNIST, several seeds; its output is also in bench/reference/recipes.json). Do not edit by hand: run the
 * script and paste its output here.
 */
export const RECIPE_REFERENCES = {
  "generatedBy": "bench/recipe_references.py",
  "torch": "1.13.0a0",
  "numpy": "1.24.2",
  "seeds": [
    1,
    2,
    3
  ],
  "recipes": {
    "pca-30": {
      "metric": "test_explained_variance",
      "values": [
        0.8197317555143057
      ],
      "margin": 0.002,
      "extra": {
        "test_recon": 12.244134126794213
      },
      "how": "NumPy float64 SVD of the 54,000 training images (centred); the explained variance of the test images",
      "band": [
        0.8177317555143057,
        0.8217317555143057
      ],
      "seconds": 10.5
    },
    "vae-784-400-20": {
      "metric": "test_loss",
      "values": [
        244.95624119720458,
        244.9010639213562,
        244.7937566291809
      ],
      "margin": 1.0,
      "how": "PyTorch, 10 epochs of Adam 1e-3 on the 54,000 training images, batch 128; test loss = Bernoulli NLL + KL in nats per image, one z sample",
      "band": [
        243.7937566291809,
        245.95624119720458
      ],
      "seconds": 110.2
    },
    "linear-ae-30": {
      "metric": "test_explained_variance",
      "values": [
        0.8159754047745611,
        0.8159595758888707,
        0.8167183618026064
      ],
      "margin": 0.01,
      "how": "PyTorch, 5 epochs of Adam 1e-3, batch 128, squared error; the explained variance of the test images",
      "band": [
        0.8059595758888707,
        0.8267183618026064
      ],
      "seconds": 7.7
    },
    "dae-gaussian": {
      "metric": "test_psnr_denoised",
      "values": [
        18.130653955606714,
        18.17140522834517,
        18.14958951364628
      ],
      "margin": 0.5,
      "extra": {
        "test_psnr_noisy": 10.459249496388422
      },
      "how": "PyTorch, 5 epochs of Adam 1e-3, batch 128, noise added afresh to every batch; PSNR of the denoised test images in dB",
      "band": [
        17.630653955606714,
        18.67140522834517
      ],
      "seconds": 38.5
    },
    "deep-ae-30": {
      "metric": "test_mse",
      "values": [
        8.94153500879407,
        9.18075031516552,
        9.451700520205497
      ],
      "margin": 0.5,
      "how": "PyTorch, 5 epochs of Adam 1e-3, batch 128, squared error; the test images' mean \u2016x \u2212 x\u0302\u2016\u00b2 (PCA-30's is the test_recon of pca-30)",
      "band": [
        8.44153500879407,
        9.951700520205497
      ],
      "seconds": 265.3
    }
  }
} as const;
