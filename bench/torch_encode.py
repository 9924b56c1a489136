"""The peer of bench/export-latents.ts: encode all 70,000 Fashion-MNIST images (train then test) with the reference
VAE's encoder (784-400-20, ReLU) in PyTorch, in batches of 512 without gradients, and save mu, sigma and the labels
as .npy — the same work as Latent Lab's latents export, timed from reading the files to the last write. Prints
images/s as JSON."""
import gzip
import json
import os
import sys
import tempfile
import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

FASHION = "/usr/share/datasets/fashion-mnist"
BATCH = 512
torch.manual_seed(1)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(784, 400)
        self.mu = nn.Linear(400, 20)
        self.log_var = nn.Linear(400, 20)

    def forward(self, x):
        h = F.relu(self.enc(x))
        return self.mu(h), self.log_var(h)


def read(name, header):
    with gzip.open(os.path.join(FASHION, name)) as f:
        return np.frombuffer(f.read()[header:], dtype=np.uint8)


def export(model, out):
    images = np.concatenate([read("train-images-idx3-ubyte.gz", 16), read("t10k-images-idx3-ubyte.gz", 16)])
    labels = np.concatenate([read("train-labels-idx1-ubyte.gz", 8), read("t10k-labels-idx1-ubyte.gz", 8)]).astype(np.int32)
    x = torch.from_numpy(images.reshape(-1, 784).astype(np.float32) / 255)
    mus, sigmas = [], []
    with torch.no_grad():
        for start in range(0, x.shape[0], BATCH):
            mu, log_var = model(x[start:start + BATCH])
            mus.append(mu)
            sigmas.append(torch.exp(0.5 * log_var))
    np.save(os.path.join(out, "mu.npy"), torch.cat(mus).numpy())
    np.save(os.path.join(out, "sigma.npy"), torch.cat(sigmas).numpy())
    np.save(os.path.join(out, "labels.npy"), labels)
    return x.shape[0]


def main():
    model = Encoder()
    times = []
    count = 0
    with tempfile.TemporaryDirectory() as out:
        for _ in range(3):
            start = time.perf_counter()
            count = export(model, out)
            times.append(time.perf_counter() - start)
    best = min(times)
    print(json.dumps({
        "engine": "pytorch",
        "available": True,
        "images": count,
        "seconds": best,
        "imagesPerSec": count / best,
        "detail": f"torch {torch.__version__}, {torch.get_num_threads()} thread(s); rounds " + " / ".join(f"{t:.2f}" for t in times) + " s",
    }))


if __name__ == "__main__":
    sys.exit(main())
