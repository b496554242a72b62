#!/usr/bin/python3
"""Mean negative log-likelihood of a token sequence under a GGUF model, computed exactly: the file's weights
are dequantized as ggml does (tools/ggml_quants.py) and the forward pass of tools/reference_model.py runs in
float64. The reference for the accuracy of seal4j's kernels (bench/llama/accuracy.py): a quantized file is
the model its dequantized weights define, so every engine's deviation from this figure is its own
arithmetic (activations quantized, sums in float32, ...), not the quantization of the weights.

    tools/gguf_reference_nll.py MODEL.gguf IDS.json        IDS.json: a JSON array of token ids

Prints {"tokens": N, "mean_nll": x}: the mean over positions 1..N-1 of -ln p(ids[i] | ids[<i]).
Llama-architecture files (F32, F16, Q8_0, Q4_0, Q4_K, Q6_K tensors) with adjacent-pair RoPE, as llama.cpp
runs them.
"""
from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ggml_quants import DEQUANTIZERS  # noqa: E402
from reference_model import PAIRS, Config, forward  # noqa: E402

GGML_TYPES = {0: ("F32", 1, 4), 1: ("F16", 1, 2), 2: ("Q4_0", 32, 18), 8: ("Q8_0", 32, 34), 12: ("Q4_K", 256, 144),
              14: ("Q6_K", 256, 210)}
SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
LAYER_PARTS = {"attn_norm": "input_layernorm", "ffn_norm": "post_attention_layernorm", "attn_q": "self_attn.q_proj",
               "attn_k": "self_attn.k_proj", "attn_v": "self_attn.v_proj", "attn_output": "self_attn.o_proj",
               "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj", "ffn_down": "mlp.down_proj"}


class Reader:
    def __init__(self, raw: bytes):
        self.raw, self.at = raw, 0

    def take(self, fmt: str):
        (v,) = struct.unpack_from(fmt, self.raw, self.at)
        self.at += struct.calcsize(fmt)
        return v

    def string(self) -> str:
        n = self.take("<Q")
        s = self.raw[self.at:self.at + n].decode("utf-8")
        self.at += n
        return s

    def value(self, vtype: int):
        if vtype == 8:
            return self.string()
        if vtype == 9:
            elem, n = self.take("<I"), self.take("<Q")
            return [self.value(elem) for _ in range(n)]
        return self.take(SCALARS[vtype])


def read_gguf(path: Path) -> tuple[dict, dict[str, torch.Tensor]]:
    """Metadata and every tensor (dequantized to float32, row-major (rows, cols) like PyTorch)."""
    raw = Path(path).read_bytes()
    r = Reader(raw)
    if r.take("<I") != 0x46554747:
        raise SystemExit(f"{path}: not a GGUF file")
    r.take("<I")
    n_tensors, n_kv = r.take("<Q"), r.take("<Q")
    meta = {}
    for _ in range(n_kv):
        key = r.string()
        meta[key] = r.value(r.take("<I"))
    infos = []
    for _ in range(n_tensors):
        name = r.string()
        ne = [r.take("<Q") for _ in range(r.take("<I"))]
        infos.append((name, ne, r.take("<I"), r.take("<Q")))
    alignment = meta.get("general.alignment", 32)
    start = (r.at + alignment - 1) // alignment * alignment
    tensors = {}
    for name, ne, type_id, offset in infos:
        type_name, block, block_bytes = GGML_TYPES[type_id]
        count = int(np.prod(ne))
        data = raw[start + offset:start + offset + count // block * block_bytes]
        if type_name == "F32":
            values = np.frombuffer(data, "<f4").astype(np.float32)
        elif type_name == "F16":
            values = np.frombuffer(data, "<f2").astype(np.float32)
        else:
            values = DEQUANTIZERS[type_name](data)
        tensors[name] = torch.from_numpy(values.reshape(list(reversed(ne))).copy())
    return meta, tensors


def hf_name(gguf: str) -> str:
    fixed = {"token_embd.weight": "model.embed_tokens.weight", "output_norm.weight": "model.norm.weight",
             "output.weight": "lm_head.weight"}
    if gguf in fixed:
        return fixed[gguf]
    _, layer, part, kind = gguf.split(".")
    return f"model.layers.{layer}.{LAYER_PARTS[part]}.{kind}"


def model(path: Path) -> tuple[Config, dict[str, torch.Tensor]]:
    meta, tensors = read_gguf(path)
    if meta.get("general.architecture") != "llama":
        raise SystemExit(f"{path}: only llama-architecture files are supported, not {meta.get('general.architecture')}")
    p = "llama."
    params = {hf_name(k): v for k, v in tensors.items()}
    heads = meta[p + "attention.head_count"]
    hidden = meta[p + "embedding_length"]
    cfg = Config(hidden_size=hidden, intermediate_size=meta[p + "feed_forward_length"],
                 num_layers=meta[p + "block_count"], num_heads=heads,
                 num_kv_heads=meta.get(p + "attention.head_count_kv", heads),
                 head_dim=meta.get(p + "attention.key_length", hidden // heads),
                 vocab_size=params["model.embed_tokens.weight"].shape[0],
                 rms_norm_eps=meta[p + "attention.layer_norm_rms_epsilon"],
                 rope_theta=meta.get(p + "rope.freq_base", 10000.0),
                 tie_word_embeddings="lm_head.weight" not in params, rope_style=PAIRS)
    return cfg, params


def mean_nll(path: Path, ids: list[int]) -> float:
    cfg, params = model(path)
    with torch.no_grad():
        logits = forward({k: v.double() for k, v in params.items()}, cfg, torch.tensor(ids))[0]
        logp = torch.log_softmax(logits[:-1], dim=-1)
        return float(-logp.gather(1, torch.tensor(ids[1:])[:, None]).mean())


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    torch.set_num_threads(1)
    ids = json.loads(Path(sys.argv[2]).read_text())
    print(json.dumps({"tokens": len(ids), "mean_nll": mean_nll(Path(sys.argv[1]), ids)}))


if __name__ == "__main__":
    main()
