"""A straightforward Python/PIL loader for the same folder bench/import-throughput.ts imports: open every PNG,
convert to grayscale, pad-resize to 28×28, stack into one uint8 array and save it. Prints images/s as JSON."""
import json
import os
import sys
import time

import numpy as np
from PIL import Image, ImageOps

folder, out = sys.argv[1], sys.argv[2]
start = time.perf_counter()
files = sorted(
    os.path.join(root, name)
    for root, _, names in os.walk(folder)
    for name in names
    if name.lower().endswith(".png")
)
images = []
for path in files:
    with Image.open(path) as img:
        images.append(np.asarray(ImageOps.pad(img.convert("L"), (28, 28))))
np.save(out, np.stack(images))
seconds = time.perf_counter() - start
print(json.dumps({"loader": "python-pil", "available": True, "images": len(images), "seconds": seconds,
                  "imagesPerSec": len(images) / seconds, "detail": f"Pillow {Image.__version__}, one process"}))
