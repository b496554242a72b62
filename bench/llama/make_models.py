#!/usr/bin/python3
"""Writes the GGUF files of the llama.cpp comparison (bench/llama/compare.py) into a directory:

  stories15m-f32.gguf, stories15m-q8_0.gguf   llama2.c stories15M's shape (dim 288, 6 layers, 6 heads, hidden 768,
                                              32,000-token vocabulary, tied classifier), seeded random weights
  tiny-world-f32.gguf, -q8_0.gguf, -q4_k.gguf the built-in model (models/tiny-world), its tokenizer included

    bench/llama/make_models.py [--out work/bench-models]

Every matrix is stored in the file's type (norms stay F32), as llama.cpp's quantize --pure does. There is no
stories15M Q4_K: a Q4_K row is a whole number of 256-value blocks and most of its rows are 288 wide. The
files are written with the fixture writer of tools/ (the same GGUF layout as llama.cpp's converter: llama
q/k rows permuted for adjacent-pair RoPE). Deterministic: rerunning writes identical files.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import make_fixtures as mf  # noqa: E402
from file_formats import (GGUF_ARRAY, GGUF_FLOAT32, GGUF_INT32, GGUF_STRING, GGUF_UINT32, read_hf_dir,  # noqa: E402
                          tensor_bytes, write_gguf)
from ggml_quants import QUANTIZERS  # noqa: E402
from reference_model import Config  # noqa: E402

FILE_TYPES = {"F32": 0, "Q8_0": 7, "Q4_K": 14}  # llama_ftype: ALL_F32, MOSTLY_Q8_0, MOSTLY_Q4_K_S
STORIES15M = mf.llama_config(hidden_size=288, intermediate_size=768, num_hidden_layers=6, num_attention_heads=6,
                             num_key_value_heads=6, vocab_size=32000, max_position_embeddings=1024,
                             tie_word_embeddings=True)


def write_model(path: Path, name: str, hf_config: dict, params: dict, dtype: str, tokenizer: list):
    cfg = Config.from_hf(hf_config)
    layout = mf.gguf_layout(params, cfg, "llama")
    tensors = []
    for hf in mf.ordered_names(layout):
        t = layout[hf].float()
        data = tensor_bytes(t) if t.dim() == 1 or dtype == "F32" else QUANTIZERS[dtype](t.numpy())
        tensors.append((mf.gguf_name(hf), list(reversed(t.shape)), "F32" if t.dim() == 1 else dtype, data))
    tmp = path.with_suffix(".tmp")
    write_gguf(tmp, mf.model_metadata(name, "llama", hf_config, cfg, FILE_TYPES[dtype], dtype != "F32") + tokenizer, tensors)
    tmp.replace(path)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


def placeholder_tokenizer(vocab: int) -> list:
    """A SentencePiece-style vocabulary of distinct pieces (the weights are random: no text to tokenize)."""
    return [("tokenizer.ggml.model", GGUF_STRING, "llama"),
            ("tokenizer.ggml.pre", GGUF_STRING, "default"),
            ("tokenizer.ggml.tokens", GGUF_ARRAY, (GGUF_STRING, ["<unk>", "<s>", "</s>"] + [f"t{i}" for i in range(3, vocab)])),
            ("tokenizer.ggml.scores", GGUF_ARRAY, (GGUF_FLOAT32, [0.0] * vocab)),
            ("tokenizer.ggml.token_type", GGUF_ARRAY, (GGUF_INT32, [2, 3, 3] + [1] * (vocab - 3))),
            ("tokenizer.ggml.bos_token_id", GGUF_UINT32, 1),
            ("tokenizer.ggml.eos_token_id", GGUF_UINT32, 2)]


def bpe_tokenizer(model_dir: Path) -> list:
    """The model directory's byte-level BPE (tokenizer.json) as llama.cpp's 'gpt2' tokenizer."""
    tok = json.loads((model_dir / "tokenizer.json").read_text())
    vocab = tok["model"]["vocab"]
    tokens = [None] * len(vocab)
    for piece, i in vocab.items():
        tokens[i] = piece
    special = {t["id"] for t in tok["added_tokens"] if t.get("special")}
    merges = [m if isinstance(m, str) else " ".join(m) for m in tok["model"]["merges"]]
    eos = json.loads((model_dir / "config.json").read_text())["eos_token_id"]
    return [("tokenizer.ggml.model", GGUF_STRING, "gpt2"),
            ("tokenizer.ggml.pre", GGUF_STRING, "gpt-2"),
            ("tokenizer.ggml.tokens", GGUF_ARRAY, (GGUF_STRING, tokens)),
            ("tokenizer.ggml.token_type", GGUF_ARRAY, (GGUF_INT32, [3 if i in special else 1 for i in range(len(tokens))])),
            ("tokenizer.ggml.merges", GGUF_ARRAY, (GGUF_STRING, merges)),
            ("tokenizer.ggml.bos_token_id", GGUF_UINT32, eos),
            ("tokenizer.ggml.eos_token_id", GGUF_UINT32, eos),
            ("tokenizer.ggml.add_bos_token", 7, False)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "work" / "bench-models")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    stories = mf.random_params(Config.from_hf(STORIES15M), seed=15)
    for dtype in ("F32", "Q8_0"):
        write_model(args.out / f"stories15m-{dtype.lower()}.gguf", "stories15m-shape", STORIES15M, stories, dtype,
                    placeholder_tokenizer(STORIES15M["vocab_size"]))
    world_dir = ROOT / "models" / "tiny-world"
    world_config, world = read_hf_dir(world_dir)
    world = {k: v.float() for k, v in world.items()}
    for dtype in ("F32", "Q8_0", "Q4_K"):
        write_model(args.out / f"tiny-world-{dtype.lower()}.gguf", "tiny-world", world_config, world, dtype,
                    bpe_tokenizer(world_dir))


if __name__ == "__main__":
    main()
