"""Reference numbers for Latent Lab's reproduction recipes, computed independently of Latent Lab with NumPy (float64)
and PyTorch (Debian's python3-torch, one thread) on real Fashion-MNIST (Debian's dataset-fashion-mnist).

The data is split as Latent Lab imports /usr/share/datasets/fashion-mnist: the 60,000 training images shuffled once
(Fisher-Yates driven by mulberry32, seed 0, as src-shared/datasets/shuffle.ts), the first 54,000 to train on and the
last 6,000 for validation; the 10,000 t10k images are the test split. Every metric is the one Latent Lab reports,
computed the same way (per-image sums, means over images in float64).

Each trained recipe runs with several seeds; its band is the seed spread, widened by a margin written next to it.
Prints one JSON object; `python3 bench/recipe_references.py > bench/reference/recipes.json` refreshes the committed
references (about 5 minutes on a 2-core machine).

    OMP_NUM_THREADS=1 /usr/bin/python3 bench/recipe_references.py [--seeds N] [--only NAME,...]
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

FASHION = "/usr/share/datasets/fashion-mnist"


def read_idx(name, header):
    with gzip.open(os.path.join(FASHION, name)) as f:
        return np.frombuffer(f.read()[header:], dtype=np.uint8)


def mulberry32(seed):
    state = seed & 0xFFFFFFFF

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def rand():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t = (t ^ ((t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return rand


def shuffled_indices(n, seed):
    rand = mulberry32(seed)
    idx = list(range(n))
    for i in range(n - 1, 0, -1):
        j = math.floor(rand() * (i + 1))
        idx[i], idx[j] = idx[j], idx[i]
    return np.array(idx)


def fashion_splits():
    train_all = read_idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
    test = read_idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
    order = shuffled_indices(60000, 0)
    pool = train_all[order]
    return pool[:54000], pool[54000:], test


def explained_variance(x, x_hat):
    x = x.astype(np.float64)
    return 1 - np.sum((x - x_hat.astype(np.float64)) ** 2) / np.sum((x - x.mean(axis=0)) ** 2)


def psnr(mse_per_value):
    return 10 * math.log10(1 / max(mse_per_value, 1e-12))


def pca_30(train, _val, test, _seeds):
    mean = train.astype(np.float64).mean(axis=0)
    _, _, vt = np.linalg.svd(train.astype(np.float64) - mean, full_matrices=False)
    u = vt[:30].T
    x_hat = (test - mean) @ u @ u.T + mean
    ev = explained_variance(test, x_hat)
    recon = float(np.mean(np.sum((test.astype(np.float64) - x_hat) ** 2, axis=1)))
    return {
        "metric": "test_explained_variance",
        "values": [ev],
        "margin": 0.002,
        "extra": {"test_recon": recon},
        "how": "NumPy float64 SVD of the 54,000 training images (centred); the explained variance of the test images",
    }


def batches(n, batch, generator):
    order = torch.randperm(n, generator=generator)
    for start in range(0, n, batch):
        yield order[start:start + batch]


class Mlp(nn.Module):
    """Latent Lab's MLP shorthand: dense layers with ReLU, mirrored in the decoder, a linear output."""

    def __init__(self, hidden, latent, gaussian, output="linear"):
        super().__init__()
        dims = [784, *hidden]
        self.enc = nn.ModuleList(nn.Linear(a, b) for a, b in zip(dims, dims[1:]))
        self.mu = nn.Linear(dims[-1], latent)
        self.log_var = nn.Linear(dims[-1], latent) if gaussian else None
        back = [latent, *reversed(hidden)]
        self.dec = nn.ModuleList(nn.Linear(a, b) for a, b in zip(back, back[1:]))
        self.out = nn.Linear(back[-1], 784)
        self.output = output
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)  # tfjs' glorotUniform, as Latent Lab
                nn.init.zeros_(m.bias)

    def encode(self, x):
        for layer in self.enc:
            x = F.relu(layer(x))
        return self.mu(x), (self.log_var(x) if self.log_var is not None else None)

    def decode(self, z):
        for layer in self.dec:
            z = F.relu(layer(z))
        out = self.out(z)
        return torch.sigmoid(out) if self.output == "sigmoid" else out


def train_model(model, loss_of, train, epochs, batch, lr, seed):
    torch.manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    x = torch.from_numpy(train)
    g = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        for idx in batches(len(x), batch, g):
            loss = loss_of(model, x[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()


def vae_784_400_20(train, _val, test, seeds):
    """Kingma & Welling's MNIST model: 784-400-20, Bernoulli decoder, Adam 1e-3, batch 128, 10 epochs."""

    def elbo_terms(model, xb, generator=None):
        mu, log_var = model.encode(xb)
        eps = torch.randn(mu.shape, generator=generator) if generator is not None else torch.randn_like(mu)
        z = mu + torch.exp(0.5 * log_var) * eps
        recon = F.binary_cross_entropy_with_logits(model.decode(z), xb, reduction="none").sum(1)
        kl = 0.5 * torch.sum(mu ** 2 + log_var.exp() - 1 - log_var, 1)
        return recon, kl

    values = []
    for seed in seeds:
        model = Mlp([400], 20, gaussian=True)
        train_model(model, lambda m, xb: sum(elbo_terms(m, xb)).mean(), train, 10, 128, 1e-3, seed)
        with torch.no_grad():
            recon, kl = elbo_terms(model, torch.from_numpy(test), torch.Generator().manual_seed(seed + 1))
            values.append(float(np.mean((recon + kl).double().numpy())))
    return {
        "metric": "test_loss",
        "values": values,
        "margin": 1.0,
        "how": "PyTorch, 10 epochs of Adam 1e-3 on the 54,000 training images, batch 128; test loss = Bernoulli NLL + KL in nats per image, one z sample",
    }


def linear_ae_30(train, _val, test, seeds):
    """The notes' linear autoencoder x̃ = UVx (+ biases), k = 30, squared error: it should approach PCA-30."""
    values = []
    for seed in seeds:
        model = Mlp([], 30, gaussian=False)
        train_model(model, lambda m, xb: ((m.decode(m.encode(xb)[0]) - xb) ** 2).sum(1).mean(), train, 5, 128, 1e-3, seed)
        with torch.no_grad():
            x_hat = model.decode(model.encode(torch.from_numpy(test))[0]).numpy()
        values.append(explained_variance(test, x_hat))
    return {
        "metric": "test_explained_variance",
        "values": values,
        "margin": 0.01,
        "how": "PyTorch, 5 epochs of Adam 1e-3, batch 128, squared error; the explained variance of the test images",
    }


def dae_gaussian(train, _val, test, seeds):
    """A denoising AE (256-32, Gaussian noise σ = 0.3, squared error): PSNR of its denoised test images."""
    values = []
    noisy_psnr = []
    for seed in seeds:
        model = Mlp([256], 32, gaussian=False)

        def loss_of(m, xb):
            noisy = xb + 0.3 * torch.randn_like(xb)
            return ((m.decode(m.encode(noisy)[0]) - xb) ** 2).sum(1).mean()

        train_model(model, loss_of, train, 5, 128, 1e-3, seed)
        with torch.no_grad():
            x = torch.from_numpy(test)
            noisy = x + 0.3 * torch.randn(x.shape, generator=torch.Generator().manual_seed(seed + 1))
            out = model.decode(model.encode(noisy)[0])
            values.append(psnr(float(((out - x) ** 2).double().mean())))
            noisy_psnr.append(psnr(float(((noisy - x) ** 2).double().mean())))
    return {
        "metric": "test_psnr_denoised",
        "values": values,
        "margin": 0.5,
        "extra": {"test_psnr_noisy": float(np.mean(noisy_psnr))},
        "how": "PyTorch, 5 epochs of Adam 1e-3, batch 128, noise added afresh to every batch; PSNR of the denoised test images in dB",
    }


def deep_ae_30(train, _val, test, seeds):
    """Hinton & Salakhutdinov (2006): 784-1000-500-250-30, ReLU, a sigmoid output, squared error (Adam instead of
    their RBM pre-training): its test reconstruction error should beat PCA-30's."""
    values = []
    for seed in seeds:
        model = Mlp([1000, 500, 250], 30, gaussian=False, output="sigmoid")
        train_model(model, lambda m, xb: ((m.decode(m.encode(xb)[0]) - xb) ** 2).sum(1).mean(), train, 5, 128, 1e-3, seed)
        with torch.no_grad():
            x = torch.from_numpy(test)
            out = model.decode(model.encode(x)[0])
            values.append(float(((out - x) ** 2).sum(1).double().mean()))
    return {
        "metric": "test_mse",
        "values": values,
        "margin": 0.5,
        "how": "PyTorch, 5 epochs of Adam 1e-3, batch 128, squared error; the test images' mean ‖x − x̂‖² (PCA-30's is the test_recon of pca-30)",
    }


RECIPES = {"pca-30": pca_30, "vae-784-400-20": vae_784_400_20, "linear-ae-30": linear_ae_30, "dae-gaussian": dae_gaussian, "deep-ae-30": deep_ae_30}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--only", default=",".join(RECIPES))
    args = parser.parse_args()
    torch.set_num_threads(1)
    train, val, test = fashion_splits()
    seeds = list(range(1, args.seeds + 1))
    out = {"generatedBy": "bench/recipe_references.py", "torch": torch.__version__, "numpy": np.__version__, "seeds": seeds, "recipes": {}}
    for name in args.only.split(","):
        start = time.perf_counter()
        result = RECIPES[name](train, val, test, seeds)
        lo, hi = min(result["values"]), max(result["values"])
        result["band"] = [lo - result["margin"], hi + result["margin"]]
        result["seconds"] = round(time.perf_counter() - start, 1)
        out["recipes"][name] = result
        print(f"{name}: {result['metric']} {result['values']} -> band {result['band']} ({result['seconds']} s)", file=sys.stderr)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
