"""The reference VAE (784-400-20, ReLU, Bernoulli decoder, Adam 1e-3, batch 128) in PyTorch: the peer that
bench/run.mjs measures side by side with Latent Lab's engine. Prints samples/s as JSON."""
import json
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 8.0
BATCH = 128
torch.manual_seed(1)


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(784, 400)
        self.mu = nn.Linear(400, 20)
        self.log_var = nn.Linear(400, 20)
        self.dec = nn.Linear(20, 400)
        self.out = nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.enc(x))
        mu, log_var = self.mu(h), self.log_var(h)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        return self.out(F.relu(self.dec(z))), mu, log_var


def main():
    model = Vae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = (torch.rand(2048, 784) > 0.8).float()
    batches = data.shape[0] // BATCH
    step = 0

    def run_step():
        nonlocal step
        xb = data[(step % batches) * BATCH:(step % batches + 1) * BATCH]
        logits, mu, log_var = model(xb)
        recon = F.binary_cross_entropy_with_logits(logits, xb, reduction="sum") / BATCH
        kl = 0.5 * torch.sum(mu.pow(2) + log_var.exp() - 1 - log_var) / BATCH
        loss = recon + kl
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()
        step += 1

    for _ in range(3):
        run_step()
    start = time.perf_counter()
    first = step
    while time.perf_counter() - start < SECONDS or step - first < 5:
        run_step()
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "backend": "pytorch",
        "available": True,
        "detail": f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s)",
        "steps": step - first,
        "seconds": elapsed,
        "samplesPerSec": (step - first) * BATCH / elapsed,
    }))


main()
