#!/usr/bin/python3
"""Accuracy of seal4j's inference paths against an exact reference, on the GGUF files of the llama.cpp
comparison: the mean negative log-likelihood of a 256-token sequence by seal4j's prefill path (one batch,
matrix products) and decode path (a token at a time, row kernels), and by tools/gguf_reference_nll.py
(the same file's weights, dequantized as ggml does, forward pass in float64).

    bench/llama/accuracy.py [--models stories15m-f32,...] [--json-out FILE]

Token ids: seeded random ids for the random stories15M-shape model, the tokenized text of the built-in model's
card for tiny-world. Targets (issue 16): F32 within 1e-5 of the reference, quantized files within 1e-3.
"""
import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "work" / "bench-models"
ALL_MODELS = ["stories15m-f32", "stories15m-q8_0", "tiny-world-f32", "tiny-world-q8_0", "tiny-world-q4_k"]
TOKENS = 256


def ids_for(model: str) -> list[int]:
    if model.startswith("stories15m"):
        rnd = random.Random(16)
        return [rnd.randrange(32000) for _ in range(TOKENS)]
    card = (ROOT / "models" / "tiny-world" / "README.md").read_text()
    out = subprocess.run([ROOT / "seal", "tokenize", "--tokenizer", ROOT / "models" / "tiny-world", "--text", card,
                          "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)["ids"][:TOKENS]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", default=",".join(ALL_MODELS))
    ap.add_argument("--json-out", type=Path)
    args = ap.parse_args()
    models = args.models.split(",")
    if any(not (MODELS / f"{m}.gguf").exists() for m in models):
        subprocess.run(["/usr/bin/python3", ROOT / "bench" / "llama" / "make_models.py", "--out", MODELS], check=True)
    rows = []
    print("| model | float64 reference | seal4j prefill (Δ) | seal4j decode (Δ) | target |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for m in models:
            ids_file = Path(tmp) / f"{m}.json"
            ids_file.write_text(json.dumps(ids_for(m)))
            path = MODELS / f"{m}.gguf"
            ref = json.loads(subprocess.run(["/usr/bin/python3", ROOT / "tools" / "gguf_reference_nll.py", path, ids_file],
                                            check=True, capture_output=True, text=True).stdout)["mean_nll"]
            seal = json.loads(subprocess.run([ROOT / "seal", "bench", "nll", "--model", path, "--ids", ids_file, "--json"],
                                             check=True, capture_output=True, text=True).stdout)
            target = 1e-5 if m.endswith("f32") else 1e-3
            dp, dd = seal["prefill_mean_nll"] - ref, seal["decode_mean_nll"] - ref
            ok = "✓" if max(abs(dp), abs(dd)) <= target else "✗"
            rows.append({"model": m, "reference": ref, **seal, "target": target})
            print(f"| {m} | {ref:.6f} | {seal['prefill_mean_nll']:.6f} ({dp:+.1e}) | {seal['decode_mean_nll']:.6f} "
                  f"({dd:+.1e}) | {target:.0e} {ok} |", flush=True)
    if args.json_out:
        args.json_out.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
