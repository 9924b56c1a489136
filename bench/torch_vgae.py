"""The peer of bench/graph-vae.ts: VGAE link prediction (Kipf & Welling 2016) in plain PyTorch, written as the
reference code (tkipf/gae) builds it, on the graph and split that graph-vae.ts wrote to the folder given as the
first argument. GCN 32 -> 16 over the sparse normalized adjacency, mu and log_std sharing the first layer, glorot
weights without biases, the inner-product decoder over all N^2 pairs with pos_weight and norm, KL/N; Adam 0.01,
200 epochs, full batch, one thread. After each step it encodes mu and computes the validation AUC and AP, as the
reference code (and Latent Lab) does. Prints epochs/s and the final test AUC/AP as JSON."""
import json
import os
import sys
import time

import numpy as np
import torch
from torch.nn import functional as F

torch.set_num_threads(1)


def load(folder):
    with open(os.path.join(folder, "graph.json")) as f:
        meta = json.load(f)

    def read(name, dtype):
        return np.fromfile(os.path.join(folder, name), dtype=dtype)

    def pairs(name):
        return read(f"{name}_sources.i32", "<i4"), read(f"{name}_targets.i32", "<i4")

    data = {
        "adjacency": (read("adjacency_rows.i32", "<i4"), read("adjacency_cols.i32", "<i4"), read("adjacency_weights.f32", "<f4")),
        "features": read("features.f32", "<f4").reshape(meta["nodes"], meta["features"]),
        "train": pairs("train"),
        "validation": (pairs("validation_positive"), pairs("validation_negative")),
        "test": (pairs("test_positive"), pairs("test_negative")),
    }
    return meta, data


def binary_clf_curve(scores, labels):
    """Cumulative true and false positives at each distinct score, highest first (sklearn's _binary_clf_curve)."""
    order = np.argsort(-scores, kind="mergesort")
    scores, labels = scores[order], labels[order]
    last = np.r_[np.nonzero(np.diff(scores))[0], labels.size - 1]
    tps = np.cumsum(labels)[last]
    return tps, (last + 1) - tps


def roc_auc(scores, labels):
    """sklearn's roc_auc_score: the trapezoid under the ROC curve at the distinct thresholds."""
    tps, fps = binary_clf_curve(scores, labels)
    tpr = np.r_[0, tps] / tps[-1]
    fpr = np.r_[0, fps] / fps[-1]
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def average_precision(scores, labels):
    """sklearn's average_precision_score: the step sum of (R_n - R_n-1) P_n."""
    tps, fps = binary_clf_curve(scores, labels)
    recall = np.r_[0, tps / tps[-1]]
    precision = tps / (tps + fps)
    return float(np.sum(np.diff(recall) * precision))


def pair_scores(mu, held_out):
    """sigmoid(mu_i . mu_j) for the positive then the negative pairs, with their labels (the reference code's get_roc_score)."""
    (ps, pt), (ns, nt) = held_out
    sources = np.r_[ps, ns]
    targets = np.r_[pt, nt]
    logits = np.sum(mu[sources].astype(np.float64) * mu[targets].astype(np.float64), axis=1)
    labels = np.r_[np.ones(ps.size), np.zeros(ns.size)]
    return 1 / (1 + np.exp(-logits)), labels


def glorot(rows, cols):
    limit = np.sqrt(6.0 / (rows + cols))
    return torch.nn.Parameter(torch.empty(rows, cols).uniform_(-limit, limit))


class Vgae(torch.nn.Module):
    def __init__(self, features, hidden, latent):
        super().__init__()
        self.w1 = glorot(features, hidden)
        self.w_mu = glorot(hidden, latent)
        self.w_log_std = glorot(hidden, latent)

    def encode(self, adj, x):
        h = F.relu(torch.sparse.mm(adj, x @ self.w1))
        return torch.sparse.mm(adj, h @ self.w_mu), torch.sparse.mm(adj, h @ self.w_log_std)


def main():
    meta, data = load(sys.argv[1])
    torch.manual_seed(meta["seed"])
    n = meta["nodes"]
    rows, cols, weights = data["adjacency"]
    adj = torch.sparse_coo_tensor(np.stack([rows, cols]).astype(np.int64), torch.from_numpy(weights), (n, n)).coalesce()
    x = torch.from_numpy(data["features"])
    sources, targets = (torch.from_numpy(a.astype(np.int64)) for a in data["train"])
    # adj_label = A_train + I, dense over all N^2 pairs, as the reference code's decoder targets.
    label = torch.eye(n)
    label[sources, targets] = 1
    label[targets, sources] = 1
    label = label.reshape(-1)
    positives = 2 * sources.numel()
    pos_weight = torch.tensor((n * n - positives) / positives)
    norm = n * n / (2 * (n * n - positives))

    model = Vgae(meta["features"], meta["hidden"], meta["latentDim"])
    optimizer = torch.optim.Adam(model.parameters(), lr=meta["learningRate"])
    epoch_ms, eval_ms = [], []
    start = time.perf_counter()
    for _ in range(meta["epochs"]):
        began = time.perf_counter()
        mu, log_std = model.encode(adj, x)
        z = mu + torch.randn_like(mu) * torch.exp(log_std)
        logits = (z @ z.t()).reshape(-1)
        recon = norm * F.binary_cross_entropy_with_logits(logits, label, pos_weight=pos_weight)
        kl = (0.5 / n) * torch.mean(torch.sum(1 + 2 * log_std - mu.pow(2) - torch.exp(log_std).pow(2), 1))
        loss = recon - kl
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_value = loss.item()
        trained = time.perf_counter()
        with torch.no_grad():
            mu = model.encode(adj, x)[0].numpy()
        scores, labels = pair_scores(mu, data["validation"])
        val_auc, val_ap = roc_auc(scores, labels), average_precision(scores, labels)
        ended = time.perf_counter()
        epoch_ms.append(1000 * (ended - began))
        eval_ms.append(1000 * (ended - trained))
    seconds = time.perf_counter() - start
    with torch.no_grad():
        mu = model.encode(adj, x)[0].numpy()
    scores, labels = pair_scores(mu, data["test"])
    test_auc, test_ap = roc_auc(scores, labels), average_precision(scores, labels)
    epochs = meta["epochs"]
    print(json.dumps({
        "engine": "pytorch",
        "available": True,
        "epochs": epochs,
        "seconds": seconds,
        "epochsPerSec": epochs / seconds,
        "firstEpochMs": epoch_ms[0],
        "medianEpochMs": float(np.median(epoch_ms[1:])),
        "validationMs": float(np.median(eval_ms)),
        "final": {"loss": loss_value, "val_auc": val_auc, "val_ap": val_ap},
        "test_auc": test_auc,
        "test_ap": test_ap,
        "detail": f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s); {seconds:.1f} s for {epochs} epochs "
        f"(first {epoch_ms[0]:.0f} ms, median {np.median(epoch_ms[1:]):.0f} ms); of which validation AUC/AP {np.median(eval_ms):.1f} ms an epoch",
    }))


main()
