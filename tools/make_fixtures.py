"""Writes seal4j's model test fixtures: tiny random checkpoints (Hugging Face directories and GGUF files)
and the logits our PyTorch reference computes for them, plus the stories260K golden check.

    /usr/bin/python3 tools/make_fixtures.py          (from the repository root)

Deterministic: fixed seeds, one thread; rerunning rewrites identical files. Output goes to
engine/src/test/resources/fixtures/ (formats described in the README.md there).
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from file_formats import (GGUF_ARRAY, GGUF_FLOAT32, GGUF_INT32, GGUF_STRING, GGUF_UINT32, llama2c_decode,  # noqa: E402
                          read_llama2c, read_llama2c_tokenizer, tensor_bytes, write_gguf, write_safetensors,
                          write_sharded_safetensors)
from ggml_quants import BLOCK, DEQUANTIZERS, QUANTIZERS  # noqa: E402
from reference_model import (HALVES, PAIRS, Config, forward, greedy, halves_to_pairs,  # noqa: E402
                             pairs_to_halves, param_shapes, permute_qk)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "engine/src/test/resources/fixtures"
SHARED = ROOT.parent / "shared"

SEQ0 = [1, 5, 9, 33, 100, 7, 200, 3]
SEQ1 = [1, 17, 250, 42, 42, 8, 0, 129, 64, 77, 3, 190, 11, 5, 255, 31, 160, 2, 99, 12]
PROMPT = [1, 5, 9]
NEW_TOKENS = 10

TRANSFORMERS_VERSION = "4.46.0"

# ------------------------------------------------------------------------------ configs (as HF writes)


def llama_config(**overrides) -> dict:
    cfg = {
        "architectures": ["LlamaForCausalLM"], "attention_bias": False, "attention_dropout": 0.0,
        "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu", "hidden_size": 32, "initializer_range": 0.02,
        "intermediate_size": 64, "max_position_embeddings": 128, "mlp_bias": False, "model_type": "llama",
        "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 2, "pretraining_tp": 1,
        "rms_norm_eps": 1e-05, "rope_scaling": None, "rope_theta": 10000.0, "tie_word_embeddings": False,
        "torch_dtype": "float32", "transformers_version": TRANSFORMERS_VERSION, "use_cache": True, "vocab_size": 256,
    }
    cfg.update(overrides)
    return cfg


def qwen2_config(**overrides) -> dict:
    cfg = {
        "architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 1, "eos_token_id": 2,
        "hidden_act": "silu", "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64,
        "max_position_embeddings": 128, "max_window_layers": 2, "model_type": "qwen2", "num_attention_heads": 4,
        "num_hidden_layers": 2, "num_key_value_heads": 2, "rms_norm_eps": 1e-06, "rope_scaling": None,
        "rope_theta": 1000000.0, "sliding_window": 128, "tie_word_embeddings": True, "torch_dtype": "float32",
        "transformers_version": TRANSFORMERS_VERSION, "use_cache": True, "use_sliding_window": False,
        "vocab_size": 256,
    }
    cfg.update(overrides)
    return cfg


def qwen3_config() -> dict:
    return {
        "architectures": ["Qwen3ForCausalLM"], "attention_bias": False, "attention_dropout": 0.0,
        "bos_token_id": 1, "eos_token_id": 2, "head_dim": 16, "hidden_act": "silu", "hidden_size": 32,
        "initializer_range": 0.02, "intermediate_size": 64, "max_position_embeddings": 128, "max_window_layers": 2,
        "model_type": "qwen3", "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 2,
        "rms_norm_eps": 1e-06, "rope_scaling": None, "rope_theta": 1000000.0, "sliding_window": None,
        "tie_word_embeddings": False, "torch_dtype": "float32", "transformers_version": TRANSFORMERS_VERSION,
        "use_cache": True, "use_sliding_window": False, "vocab_size": 256,
    }


def mistral_config() -> dict:
    return {
        "architectures": ["MistralForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 1, "eos_token_id": 2,
        "hidden_act": "silu", "hidden_size": 32, "initializer_range": 0.02,
        "intermediate_size": 64, "max_position_embeddings": 128, "model_type": "mistral",
        "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 1, "rms_norm_eps": 1e-05,
        "rope_theta": 1000000.0, "sliding_window": None, "tie_word_embeddings": False, "torch_dtype": "float32",
        "transformers_version": TRANSFORMERS_VERSION, "use_cache": True, "vocab_size": 256,
    }


HF_MODELS = {
    # Llama 3 style: explicit head_dim, llama3 rope scaling (theta chosen so the 4 frequencies fall in all
    # three bands: kept, blended, divided), tied embeddings, a list of eos ids, GQA 4:2
    "llama": llama_config(
        eos_token_id=[2, 4], head_dim=8, max_position_embeddings=256, rope_theta=500.0, tie_word_embeddings=True,
        rope_scaling={"factor": 4.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                      "original_max_position_embeddings": 64, "rope_type": "llama3"}),
    # Llama 2 style: no head_dim key, no scaling, separate lm_head, plain multi-head attention
    "llama_untied": llama_config(num_key_value_heads=4),
    "qwen2": qwen2_config(),  # q/k/v biases, tied
    "qwen3": qwen3_config(),  # q_norm/k_norm, head_dim 16 != hidden/heads = 8, untied
    "mistral": mistral_config(),  # one kv head for four query heads; written as two shards
}

SEEDS = {"llama": 22, "llama_untied": 12, "qwen2": 23, "qwen3": 14, "mistral": 15, "llama_kquant": 16}

# A llama-architecture model whose every weight row is a whole number of 256-value K-quant blocks.
KQUANT_CONFIG = llama_config(hidden_size=256, intermediate_size=256, num_hidden_layers=1, num_attention_heads=4,
                             num_key_value_heads=2, max_position_embeddings=128)
KQUANT_TYPES = {"token_embd": "Q4_0", "attn_q": "Q4_K", "attn_k": "Q4_K", "attn_v": "Q6_K", "attn_output": "Q4_K",
                "ffn_gate": "Q4_K", "ffn_up": "Q4_0", "ffn_down": "Q6_K", "output": "Q6_K"}


# ----------------------------------------------------------------------------------------- weights

def random_params(cfg: Config, seed: int) -> dict[str, torch.Tensor]:
    """Random float32 weights that give non-trivial attention and logits of a few units."""
    gen = torch.Generator().manual_seed(seed)
    params = {}
    for name, shape in param_shapes(cfg).items():
        noise = torch.randn(shape, generator=gen, dtype=torch.float32)
        if name.endswith(("q_norm.weight", "k_norm.weight")):
            t = 1.0 + 0.2 * noise
        elif name.endswith("norm.weight"):
            t = 1.0 + 0.1 * noise
        elif name.endswith(".bias"):
            t = 0.1 * noise
        elif name in ("model.embed_tokens.weight", "lm_head.weight"):
            t = noise * (2.5 / cfg.hidden_size ** 0.5)
        else:
            t = noise * (0.9 / shape[1] ** 0.5)
        params[name] = t
    return params


def rounded(params: dict, dtype: torch.dtype) -> dict:
    return {k: v.to(dtype) for k, v in params.items()}


def as_f64(params: dict) -> dict:
    return {k: v.double() for k, v in params.items()}


# ---------------------------------------------------------------------------------- expected outputs

def write_json(rel: str, record: dict):
    """Indented JSON, with lists of numbers kept on one line."""
    text = json.dumps(record, indent=2)
    text = re.sub(r"\[[-0-9.e,\s]*\]", lambda m: json.dumps(json.loads(m.group(0))), text)
    (OUT / rel).write_text(text + "\n")


def write_f32(rel: str, array) -> str:
    path = OUT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    np.ascontiguousarray(np.asarray(array, dtype="<f4")).tofile(path)
    return rel


def expected_outputs(name: str, source: str, params: dict, cfg: Config, full: bool):
    """Logits for SEQ0 (and, if full, for SEQ1 and the hidden states of SEQ0) and a greedy continuation of
    PROMPT, computed in float64 from params (float32 values); also how far a float32 computation lands."""
    p64 = as_f64(params)
    record = {"source": source, "vocab_size": cfg.vocab_size, "sequences": []}
    worst = 0.0
    for i, ids in enumerate((SEQ0, SEQ1) if full else (SEQ0,)):
        hidden = [] if (full and i == 0) else None
        with torch.no_grad():
            logits = forward(p64, cfg, torch.tensor(ids), hidden)[0]
            logits32 = forward(params, cfg, torch.tensor(ids))[0]
        worst = max(worst, float((logits32.double() - logits).abs().max()))
        rel = write_f32(f"expected/{name}.seq{i}.logits.f32", logits.numpy())
        record["sequences"].append({"ids": ids, "logits": rel, "shape": list(logits.shape)})
        if hidden is not None:
            stack = torch.stack([h[0] for h in hidden])
            rel = write_f32(f"expected/{name}.seq0.hidden.f32", stack.numpy())
            record["hidden_states"] = {"sequence": 0, "file": rel, "shape": list(stack.shape)}
    tokens, gap = greedy(p64, cfg, PROMPT, NEW_TOKENS)
    if gap < 1e-3:
        raise RuntimeError(f"{name}: greedy top-2 gap {gap} is too small for a robust fixture")
    record["greedy"] = {"prompt": PROMPT, "tokens": tokens, "min_top2_gap": round(gap, 6)}
    record["max_abs_diff_float32_vs_float64"] = float(f"{worst:.3g}")
    write_json(f"expected/{name}.json", record)
    print(f"  {name}: logits std {float(logits.std()):.2f}, greedy {tokens}, gap {gap:.4f}, f32 err {worst:.2g}")


# ------------------------------------------------------------------------------------- HF directories

def write_hf_dir(name: str, hf_config: dict, params: dict, shards: int = 1):
    directory = OUT / "hf" / name
    directory.mkdir(parents=True, exist_ok=True)
    # transformers' PretrainedConfig.to_json_string: indent 2, sorted keys, trailing newline
    (directory / "config.json").write_text(json.dumps(hf_config, indent=2, sort_keys=True) + "\n")
    if shards == 1:
        write_safetensors(directory / "model.safetensors", params, {"format": "pt"})
        return
    names = sorted(params)
    layer0 = [n for n in names if n.startswith("model.embed_tokens") or n.startswith("model.layers.0.")]
    rest = [n for n in names if n not in layer0]
    write_sharded_safetensors(directory, params, [layer0, rest])


# ---------------------------------------------------------------------------------------------- GGUF

def gguf_name(hf: str) -> str:
    fixed = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight",
             "lm_head.weight": "output.weight"}
    if hf in fixed:
        return fixed[hf]
    m = re.fullmatch(r"model\.layers\.(\d+)\.(.+)\.(weight|bias)", hf)
    part = {"input_layernorm": "attn_norm", "post_attention_layernorm": "ffn_norm",
            "self_attn.q_proj": "attn_q", "self_attn.k_proj": "attn_k", "self_attn.v_proj": "attn_v",
            "self_attn.o_proj": "attn_output", "self_attn.q_norm": "attn_q_norm", "self_attn.k_norm": "attn_k_norm",
            "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down"}[m.group(2)]
    return f"blk.{m.group(1)}.{part}.{m.group(3)}"


def gguf_layout(params: dict, cfg: Config, arch: str) -> dict:
    """HF tensors as convert_hf_to_gguf.py stores them: for the llama architecture the q and k rows are
    permuted so that RoPE rotates adjacent pairs (llama.cpp's 'normal' rope); qwen2 keeps the HF order
    (llama.cpp runs it with NEOX rope, which rotates halves)."""
    return permute_qk(params, cfg, halves_to_pairs) if arch == "llama" else dict(params)


def bytes_to_unicode() -> list[str]:
    """GPT-2's byte-level BPE alphabet: the printable character that stands for each byte value."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAC + 1)) + list(range(0xAE, 0xFF + 1))
    chars, extra = {}, 0
    for b in range(256):
        if b in printable:
            chars[b] = chr(b)
        else:
            chars[b] = chr(256 + extra)
            extra += 1
    return [chars[b] for b in range(256)]


def tokenizer_metadata(arch: str, vocab: int) -> list:
    """A placeholder one-token-per-byte vocabulary (the models are random; these keys exist so that GGUF
    readers meet string, float and int arrays, and an empty array, as in real files)."""
    if arch == "llama":
        return [("tokenizer.ggml.model", GGUF_STRING, "llama"),
                ("tokenizer.ggml.tokens", GGUF_ARRAY, (GGUF_STRING, [f"<0x{i:02X}>" for i in range(vocab)])),
                ("tokenizer.ggml.scores", GGUF_ARRAY, (GGUF_FLOAT32, [0.0] * vocab)),
                ("tokenizer.ggml.token_type", GGUF_ARRAY, (GGUF_INT32, [6] * vocab)),
                ("tokenizer.ggml.bos_token_id", GGUF_UINT32, 1),
                ("tokenizer.ggml.eos_token_id", GGUF_UINT32, 2)]
    return [("tokenizer.ggml.model", GGUF_STRING, "gpt2"),
            ("tokenizer.ggml.tokens", GGUF_ARRAY, (GGUF_STRING, bytes_to_unicode()[:vocab])),
            ("tokenizer.ggml.token_type", GGUF_ARRAY, (GGUF_INT32, [1] * vocab)),
            ("tokenizer.ggml.merges", GGUF_ARRAY, (GGUF_STRING, [])),
            ("tokenizer.ggml.bos_token_id", GGUF_UINT32, 1),
            ("tokenizer.ggml.eos_token_id", GGUF_UINT32, 2)]


def model_metadata(name: str, arch: str, hf_config: dict, cfg: Config, file_type: int, quantized: bool) -> list:
    """The general.* and architecture keys of a model file, in the order llama.cpp's converter writes them."""
    p = arch + "."
    metadata = [("general.architecture", GGUF_STRING, arch),
                ("general.name", GGUF_STRING, name),
                (p + "block_count", GGUF_UINT32, cfg.num_layers),
                (p + "context_length", GGUF_UINT32, hf_config["max_position_embeddings"]),
                (p + "embedding_length", GGUF_UINT32, cfg.hidden_size),
                (p + "feed_forward_length", GGUF_UINT32, cfg.intermediate_size),
                (p + "attention.head_count", GGUF_UINT32, cfg.num_heads),
                (p + "attention.head_count_kv", GGUF_UINT32, cfg.num_kv_heads),
                (p + "rope.freq_base", GGUF_FLOAT32, cfg.rope_theta),
                (p + "attention.layer_norm_rms_epsilon", GGUF_FLOAT32, cfg.rms_norm_eps)]
    if arch == "llama":  # LlamaModel.set_gguf_parameters adds these two
        metadata += [(p + "vocab_size", GGUF_UINT32, cfg.vocab_size),
                     (p + "rope.dimension_count", GGUF_UINT32, cfg.head_dim)]
    metadata.append(("general.file_type", GGUF_UINT32, file_type))
    if quantized:
        metadata.append(("general.quantization_version", GGUF_UINT32, 2))
    return metadata


def write_gguf_model(file: str, arch: str, hf_config: dict, cfg: Config, params: dict, types: dict,
                     file_type: int, alignment: int = 32) -> dict:
    """Writes params (HF names, HF layout) as a GGUF file; types maps a GGUF tensor base name (without
    'blk.N.' and '.weight') to its ggml type, anything absent stays F32. Returns the GGUF-layout tensors as
    the file's readers see them (dequantized), under HF names."""
    layout = gguf_layout(params, cfg, arch)
    metadata = model_metadata(file.removesuffix(".gguf"), arch, hf_config, cfg, file_type, bool(types))
    metadata += tokenizer_metadata(arch, cfg.vocab_size)
    metadata.append(("general.alignment", GGUF_UINT32, alignment))


    tensors, seen = [], {}
    for hf in ordered_names(layout):
        t = layout[hf]
        name = gguf_name(hf)
        base = re.sub(r"^blk\.\d+\.", "", name).rsplit(".", 1)[0]
        dtype = types.get(base, "F32") if t.dim() == 2 else "F32"
        if dtype == "F32":
            data = tensor_bytes(t.float())
            seen[hf] = t.float()
        else:
            data = QUANTIZERS[dtype](t.numpy())
            seen[hf] = torch.from_numpy(DEQUANTIZERS[dtype](data).reshape(tuple(t.shape)))
            error = float((seen[hf] - t).abs().max() / t.abs().max())
            assert error < {"Q8_0": 0.01, "Q4_0": 0.15, "Q4_K": 0.15, "Q6_K": 0.04}[dtype], (hf, dtype, error)
        tensors.append((name, list(reversed(t.shape)), dtype, data))
    write_gguf(OUT / "gguf" / file, metadata, tensors, alignment)
    return seen


def ordered_names(params: dict) -> list[str]:
    """Embedding, layers in order (tensors within a layer by name), final norm, LM head."""
    def key(name):
        m = re.match(r"model\.layers\.(\d+)\.", name)
        if m:
            return (1, int(m.group(1)), name)
        return ({"model.embed_tokens.weight": 0, "model.norm.weight": 2}.get(name, 3), 0, name)
    return sorted(params, key=key)


def gguf_config(cfg: Config, arch: str) -> Config:
    """The config a GGUF reader builds: llama files rotate adjacent pairs (weights were permuted)."""
    return Config(**{**cfg.__dict__, "rope_style": PAIRS if arch == "llama" else HALVES})


def check_same_model(name: str, a: dict, cfg_a: Config, b: dict, cfg_b: Config, tol: float):
    """Both parameterizations must give the same logits (a self-check of the layout conventions)."""
    ids = torch.tensor(SEQ1)
    with torch.no_grad():
        diff = float((forward(as_f64(a), cfg_a, ids) - forward(as_f64(b), cfg_b, ids)).abs().max())
    if diff > tol:
        raise RuntimeError(f"{name}: layouts disagree by {diff}")


def write_gguf_fixtures(hf_params: dict):
    print("GGUF")
    for model, arch in (("llama_untied", "llama"), ("qwen2", "qwen2")):
        hf_config = HF_MODELS[model]
        cfg = Config.from_hf(hf_config)
        q8 = dict.fromkeys(KQUANT_TYPES, "Q8_0")  # every 2-D tensor
        q8_alignment = 64 if arch == "qwen2" else 32  # one file with a non-default general.alignment
        for suffix, types, file_type, alignment in (("f32", {}, 0, 32), ("q8_0", q8, 7, q8_alignment)):
            file = f"{model}.{suffix}.gguf"
            seen = write_gguf_model(file, arch, hf_config, cfg, hf_params[model], types, file_type, alignment)
            gcfg = gguf_config(cfg, arch)
            if suffix == "f32":  # permuted weights + pair rotation must be the HF model exactly
                check_same_model(file, seen, gcfg, hf_params[model], cfg, 1e-9)
            expected_outputs(f"{model}.{suffix}.gguf", f"gguf/{file}", seen, gcfg, full=False)

    cfg = Config.from_hf(KQUANT_CONFIG)
    params = random_params(cfg, SEEDS["llama_kquant"])
    seen = write_gguf_model("llama_kquant.gguf", "llama", KQUANT_CONFIG, cfg, params, KQUANT_TYPES, 15)
    gcfg = gguf_config(cfg, "llama")
    check_same_model("llama_kquant.gguf", seen, gcfg, permute_qk(seen, cfg, pairs_to_halves), cfg, 1e-9)
    expected_outputs("llama_kquant.gguf", "gguf/llama_kquant.gguf", seen, gcfg, full=False)
    write_first_rows(seen)


def write_first_rows(seen: dict):
    """Dequantized first row of every quantized tensor of llama_kquant.gguf (GGUF names, file layout)."""
    index, rows, offset = [], [], 0
    for hf in ordered_names(seen):
        name = gguf_name(hf)
        base = re.sub(r"^blk\.\d+\.", "", name).rsplit(".", 1)[0]
        if seen[hf].dim() == 2 and base in KQUANT_TYPES:
            row = seen[hf][0].numpy()
            index.append({"tensor": name, "type": KQUANT_TYPES[base], "offset": offset, "length": row.size})
            rows.append(row)
            offset += row.size
    rel = write_f32("expected/llama_kquant.gguf.first_rows.f32", np.concatenate(rows))
    write_json("expected/llama_kquant.gguf.first_rows.json", {"file": rel, "rows": index})


# ------------------------------------------------------------------------------ standalone ggml blocks

def write_quant_blocks():
    """For each ggml type: a few blocks (quantized data, all-zero input, and random bytes with finite
    scales, which set every bit of every field) and their dequantized values."""
    print("ggml blocks")
    rng = np.random.default_rng(5)
    for dtype, (size, nbytes) in BLOCK.items():
        data = bytearray(QUANTIZERS[dtype](rng.normal(0, 1, size) * np.linspace(0.2, 3, size)))
        data += QUANTIZERS[dtype](rng.normal(0.5, 0.2, size))  # mostly positive: Q4_K mins near zero
        data += QUANTIZERS[dtype](np.zeros(size))
        for _ in range(3):
            block = bytearray(rng.integers(0, 256, nbytes, dtype=np.uint8).tobytes())
            scale_at = {"Q8_0": [0], "Q4_0": [0], "Q4_K": [0, 2], "Q6_K": [208]}[dtype]
            for at in scale_at:
                block[at:at + 2] = np.float16(rng.choice([-1, 1]) * rng.uniform(0.001, 0.1)).tobytes()
            data += block
        values = DEQUANTIZERS[dtype](bytes(data))
        assert np.all(np.isfinite(values))
        folder = OUT / "quant"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{dtype.lower()}.blocks.bin").write_bytes(bytes(data))
        write_f32(f"quant/{dtype.lower()}.values.f32", values)


# ------------------------------------------------------------------------------------------ stories

GOLDEN = ("Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, "
          "she saw a big, red ball. She wanted to play with it, but it was too high")


def write_stories260k():
    model = SHARED / "models/stories260K/stories260K.bin"
    tokenizer = SHARED / "models/stories260K/tok512.bin"
    if not model.exists():
        raise SystemExit(f"{model} not found: the stories260K fixture needs ../shared next to the repository")
    print("stories260K")
    cfg, params = read_llama2c(model)
    p64 = as_f64(params)
    tokens, gap = greedy(p64, cfg, [1], 60)
    text = llama2c_decode(read_llama2c_tokenizer(tokenizer, cfg.vocab_size), tokens, 1)
    if " ".join(text.split()) != GOLDEN:
        raise RuntimeError(f"stories260K greedy text differs from llama2.c's:\n{text}")
    # the same model converted to the HF layout (un-permuted wq/wk, rotate halves) must agree
    check_same_model("stories260K", params, cfg, permute_qk(params, cfg, pairs_to_halves),
                     Config(**{**cfg.__dict__, "rope_style": HALVES}), 1e-9)
    ids = [1] + tokens[:15]
    with torch.no_grad():
        logits = forward(p64, cfg, torch.tensor(ids))[0]
        worst = float((forward(params, cfg, torch.tensor(ids))[0].double() - logits).abs().max())
    rel = write_f32("expected/stories260K.logits.f32", logits.numpy())
    record = {
        "source": "shared:models/stories260K/stories260K.bin",
        "tokenizer": "shared:models/stories260K/tok512.bin",
        "vocab_size": cfg.vocab_size,
        "sequences": [{"ids": ids, "logits": rel, "shape": list(logits.shape)}],
        "greedy": {"prompt": [1], "tokens": tokens, "min_top2_gap": round(gap, 6), "text": text},
        "max_abs_diff_float32_vs_float64": float(f"{worst:.3g}"),
    }
    write_json("expected/stories260K.json", record)
    print(f"  greedy text matches llama2.c; gap {gap:.4f}, f32 err {worst:.2g}")


# --------------------------------------------------------------------------------------------- main

def main():
    torch.set_num_threads(1)
    for sub in ("hf", "gguf", "expected", "quant"):
        shutil.rmtree(OUT / sub, ignore_errors=True)
        (OUT / sub).mkdir(parents=True)
    print("Hugging Face models")
    hf_params = {}
    for name, hf_config in HF_MODELS.items():
        cfg = Config.from_hf(hf_config)
        params = random_params(cfg, SEEDS[name])
        hf_params[name] = params
        write_hf_dir(name, hf_config, params, shards=2 if name == "mistral" else 1)
        expected_outputs(name, f"hf/{name}", params, cfg, full=True)
    for suffix, dtype in (("bf16", torch.bfloat16), ("f16", torch.float16)):
        name = f"qwen2_{suffix}"
        hf_config = {**HF_MODELS["qwen2"], "torch_dtype": {"bf16": "bfloat16", "f16": "float16"}[suffix]}
        stored = rounded(hf_params["qwen2"], dtype)
        write_hf_dir(name, hf_config, stored)
        expected_outputs(name, f"hf/{name}", rounded(stored, torch.float32), Config.from_hf(hf_config), full=False)
    write_gguf_fixtures(hf_params)
    write_quant_blocks()
    write_stories260k()
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"fixtures: {total / 1024:.0f} KiB in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
