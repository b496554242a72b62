"""Plain-PyTorch reference of the decoder-only transformer families seal4j runs.

Follows Hugging Face transformers' LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM and
Qwen3ForCausalLM (eager attention), written from scratch for seal4j's test fixtures:

    x = embed_tokens[ids]
    per layer:  h = RMSNorm(x) -> q,k,v projections (+bias where the family has one)
                Qwen3: per-head RMSNorm of q and k over head_dim, BEFORE RoPE
                RoPE (rotate_half over halves, or adjacent pairs for llama2.c / GGUF-llama layouts)
                causal softmax(q k^T / sqrt(head_dim)) v, kv heads repeated for GQA
                x = x + o_proj(attn)
                x = x + down(silu(gate(RMSNorm(x))) * up(RMSNorm(x)))
    logits = lm_head(RMSNorm(x))            lm_head = embed_tokens when tie_word_embeddings

The forward is an ordinary differentiable function of a dict of named tensors (Hugging Face names), so
the same code produces gradients (loss, LoRA) for training fixtures. Every linear layer goes through
`linear`, where LoRA adapters hook in as PEFT's lora.Linear does:

    y = x W^T (+ b) + scaling * (dropout(x) A^T) B^T      A (r, in), B (out, r), scaling = alpha / r

(dropout is never used here: fixtures are computed with lora_dropout 0, i.e. the identity).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch

HALVES = "halves"  # Hugging Face: rotate (x[i], x[i + d/2])
PAIRS = "pairs"    # llama2.c and GGUF files of the llama architecture: rotate (x[2i], x[2i+1])


@dataclass(frozen=True)
class Config:
    """Shape and options of one model; field meanings follow Hugging Face's config.json."""
    hidden_size: int
    intermediate_size: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    head_dim: int
    vocab_size: int
    rms_norm_eps: float
    rope_theta: float
    rope_scaling: dict | None = None
    tie_word_embeddings: bool = False
    qkv_bias: bool = False
    o_bias: bool = False
    qk_norm: bool = False
    rope_style: str = HALVES

    @staticmethod
    def from_hf(cfg: dict) -> "Config":
        """Reads a Hugging Face config.json dict (model_type llama, mistral, qwen2 or qwen3)."""
        model_type = cfg["model_type"]
        heads = cfg["num_attention_heads"]
        head_dim = cfg.get("head_dim") or cfg["hidden_size"] // heads
        attention_bias = bool(cfg.get("attention_bias", False))
        if model_type in ("llama", "qwen3"):
            qkv_bias, o_bias = attention_bias, attention_bias  # LlamaAttention / Qwen3Attention
        elif model_type == "qwen2":
            qkv_bias, o_bias = True, False  # Qwen2Attention: q/k/v always biased, o_proj never
        elif model_type == "mistral":
            qkv_bias, o_bias = False, False
        else:
            raise ValueError(f"unsupported model_type {model_type!r}")
        scaling = cfg.get("rope_scaling")
        if scaling is not None and scaling.get("rope_type", scaling.get("type")) not in ("llama3", "default"):
            raise ValueError(f"unsupported rope_scaling {scaling}")
        if scaling is not None and scaling.get("rope_type", scaling.get("type")) == "default":
            scaling = None
        return Config(
            hidden_size=cfg["hidden_size"],
            intermediate_size=cfg["intermediate_size"],
            num_layers=cfg["num_hidden_layers"],
            num_heads=heads,
            num_kv_heads=cfg.get("num_key_value_heads", heads),
            head_dim=head_dim,
            vocab_size=cfg["vocab_size"],
            rms_norm_eps=cfg["rms_norm_eps"],
            rope_theta=cfg.get("rope_theta", 10000.0),
            rope_scaling=scaling,
            tie_word_embeddings=bool(cfg.get("tie_word_embeddings", False)),
            qkv_bias=qkv_bias,
            o_bias=o_bias,
            qk_norm=model_type == "qwen3",
        )


# ---------------------------------------------------------------------------------------------- RoPE

def rope_inv_freq(cfg: Config) -> torch.Tensor:
    """Inverse frequencies (head_dim/2,) in float32, computed exactly as transformers does, including
    Llama 3's frequency-dependent scaling (modeling_rope_utils._compute_llama3_parameters)."""
    dim = cfg.head_dim
    inv_freq = 1.0 / (cfg.rope_theta ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    if cfg.rope_scaling is None:
        return inv_freq
    s = cfg.rope_scaling
    factor = s["factor"]
    low_freq_factor = s["low_freq_factor"]
    high_freq_factor = s["high_freq_factor"]
    old_context_len = s["original_max_position_embeddings"]
    low_freq_wavelen = old_context_len / low_freq_factor
    high_freq_wavelen = old_context_len / high_freq_factor
    wavelen = 2 * math.pi / inv_freq
    # long wavelengths (low frequencies) are divided by factor, short ones kept, the band between blended
    scaled = torch.where(wavelen > low_freq_wavelen, inv_freq / factor, inv_freq)
    smooth = (old_context_len / wavelen - low_freq_factor) / (high_freq_factor - low_freq_factor)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    is_medium = ~(wavelen < high_freq_wavelen) * ~(wavelen > low_freq_wavelen)
    return torch.where(is_medium, smoothed, scaled)


def rope_angles(cfg: Config, positions: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """cos and sin of position * inv_freq, each (T, head_dim/2), computed in float32 as transformers does."""
    freqs = positions.float()[:, None] * rope_inv_freq(cfg)[None, :]
    return freqs.cos(), freqs.sin()


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, style: str) -> torch.Tensor:
    """Rotates x (B, H, T, D) by the angles (T, D/2)."""
    cos, sin = cos.to(x.dtype), sin.to(x.dtype)
    if style == HALVES:  # transformers' rotate_half: x*cos + cat(-x2, x1)*sin with cos = cat(cos, cos)
        half = x.shape[-1] // 2
        x1, x2 = x[..., :half], x[..., half:]
        return torch.cat((x1 * cos - x2 * sin, x2 * cos + x1 * sin), dim=-1)
    if style == PAIRS:   # llama2.c run.c: (v0, v1) -> (v0 cos - v1 sin, v0 sin + v1 cos)
        v = x.reshape(*x.shape[:-1], x.shape[-1] // 2, 2)
        v0, v1 = v[..., 0], v[..., 1]
        return torch.stack((v0 * cos - v1 * sin, v0 * sin + v1 * cos), dim=-1).reshape(x.shape)
    raise ValueError(f"unknown rope style {style!r}")


def halves_to_pairs(w: torch.Tensor, n_heads: int) -> torch.Tensor:
    """Permutes the output rows of a q/k projection (weight (n_heads*D, C) or bias (n_heads*D,)) from the
    Hugging Face layout to the adjacent-pairs layout: within each head, new row 2i = old row i and new
    row 2i+1 = old row i + D/2 (llama.cpp convert_hf_to_gguf.py `permute`)."""
    return (w.reshape(n_heads, 2, w.shape[0] // n_heads // 2, *w.shape[1:])
            .transpose(1, 2).reshape(w.shape))


def pairs_to_halves(w: torch.Tensor, n_heads: int) -> torch.Tensor:
    """Inverse of halves_to_pairs (what a llama2.c-to-Hugging-Face converter does to wq and wk)."""
    return (w.reshape(n_heads, w.shape[0] // n_heads // 2, 2, *w.shape[1:])
            .transpose(1, 2).reshape(w.shape))


def permute_qk(params: dict, cfg: Config, permutation) -> dict:
    """params with halves_to_pairs or pairs_to_halves applied to every q/k projection weight and bias."""
    out = dict(params)
    for name, t in params.items():
        if ".q_proj." in name:
            out[name] = permutation(t, cfg.num_heads)
        elif ".k_proj." in name:
            out[name] = permutation(t, cfg.num_kv_heads)
    return out


# --------------------------------------------------------------------------------------------- layers

def rms_norm(x: torch.Tensor, weight: torch.Tensor, eps: float) -> torch.Tensor:
    """weight * x / sqrt(mean(x^2) + eps) over the last dim, in float32 (or wider) like transformers."""
    dtype = x.dtype
    xf = x.float() if dtype in (torch.float16, torch.bfloat16) else x
    variance = xf.pow(2).mean(-1, keepdim=True)
    return weight * (xf * torch.rsqrt(variance + eps)).to(dtype)


@dataclass(frozen=True)
class Lora:
    """A LoRA adapter: modules maps a Hugging Face module name (e.g. 'model.layers.0.self_attn.q_proj') to
    its (A (r, in), B (out, r)); scaling is lora_alpha / r."""
    scaling: float
    modules: dict


def linear(params: dict, name: str, x: torch.Tensor, lora: Lora | None = None) -> torch.Tensor:
    """x @ W^T (+ b): nn.Linear with weight `name.weight` (out, in) and optional `name.bias`, plus the LoRA
    branch scaling * (x A^T) B^T when lora adapts module `name`."""
    y = x @ params[name + ".weight"].T
    bias = params.get(name + ".bias")
    if bias is not None:
        y = y + bias
    if lora is not None and name in lora.modules:
        a, b = lora.modules[name]
        y = y + ((x @ a.T) @ b.T) * lora.scaling
    return y


def attention(params: dict, p: str, cfg: Config, h: torch.Tensor, cos, sin, lora: Lora | None = None) -> torch.Tensor:
    """Causal GQA self-attention of h (B, T, C); p is the layer prefix ending in 'self_attn.'."""
    B, T, _ = h.shape
    D = cfg.head_dim
    q = linear(params, p + "q_proj", h, lora).view(B, T, cfg.num_heads, D)
    k = linear(params, p + "k_proj", h, lora).view(B, T, cfg.num_kv_heads, D)
    v = linear(params, p + "v_proj", h, lora).view(B, T, cfg.num_kv_heads, D)
    if cfg.qk_norm:  # Qwen3: RMSNorm over each head's D values, before RoPE
        q = rms_norm(q, params[p + "q_norm.weight"], cfg.rms_norm_eps)
        k = rms_norm(k, params[p + "k_norm.weight"], cfg.rms_norm_eps)
    q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)  # (B, H, T, D)
    q = apply_rope(q, cos, sin, cfg.rope_style)
    k = apply_rope(k, cos, sin, cfg.rope_style)
    group = cfg.num_heads // cfg.num_kv_heads  # kv head j serves query heads j*group .. j*group+group-1
    k = k.repeat_interleave(group, dim=1)
    v = v.repeat_interleave(group, dim=1)
    scores = (q @ k.transpose(2, 3)) * D ** -0.5  # (B, H, T, T)
    future = torch.ones(T, T, dtype=torch.bool).triu(1)
    scores = scores.masked_fill(future, float("-inf"))
    probs = torch.softmax(scores, dim=-1)
    out = (probs @ v).transpose(1, 2).reshape(B, T, cfg.num_heads * D)
    return linear(params, p + "o_proj", out, lora)


def mlp(params: dict, p: str, h: torch.Tensor, lora: Lora | None = None) -> torch.Tensor:
    """SwiGLU: down(silu(gate(h)) * up(h)); p is the layer prefix ending in 'mlp.'."""
    gated = torch.nn.functional.silu(linear(params, p + "gate_proj", h, lora)) * linear(params, p + "up_proj", h, lora)
    return linear(params, p + "down_proj", gated, lora)


def forward(params: dict, cfg: Config, ids: torch.Tensor, hidden_states: list | None = None,
            lora: Lora | None = None) -> torch.Tensor:
    """Logits (B, T, vocab) for token ids (B, T) or (T,) -> (1, T, vocab), positions 0..T-1.

    params maps Hugging Face tensor names to tensors, all of one floating dtype (the compute dtype).
    If hidden_states is a list, the residual stream after the embedding and after each layer, and the
    final normed output, are appended to it (each (B, T, C)) for debugging fixtures. lora, if given, is
    added to the linear layers it adapts."""
    if ids.dim() == 1:
        ids = ids[None, :]
    T = ids.shape[1]
    cos, sin = rope_angles(cfg, torch.arange(T))
    x = params["model.embed_tokens.weight"][ids]
    if hidden_states is not None:
        hidden_states.append(x)
    for layer in range(cfg.num_layers):
        p = f"model.layers.{layer}."
        h = rms_norm(x, params[p + "input_layernorm.weight"], cfg.rms_norm_eps)
        x = x + attention(params, p + "self_attn.", cfg, h, cos, sin, lora)
        h = rms_norm(x, params[p + "post_attention_layernorm.weight"], cfg.rms_norm_eps)
        x = x + mlp(params, p + "mlp.", h, lora)
        if hidden_states is not None:
            hidden_states.append(x)
    x = rms_norm(x, params["model.norm.weight"], cfg.rms_norm_eps)
    if hidden_states is not None:
        hidden_states.append(x)
    head = params["model.embed_tokens.weight"] if cfg.tie_word_embeddings else params["lm_head.weight"]
    return x @ head.T


IGNORE = -100  # Hugging Face's ignore_index: a position without a target


def next_token_targets(ids: list[int], prompt_length: int = 0) -> list[int]:
    """Shifted targets of one sequence: position t predicts ids[t + 1]; the last position has none, and
    neither has a position whose predicted token lies in the first prompt_length tokens (completion-only)."""
    return [ids[t + 1] if t + 1 < len(ids) and t + 1 >= prompt_length else IGNORE for t in range(len(ids))]


def causal_lm_loss(params: dict, cfg: Config, sequences: list[list[int]], targets: list[list[int]],
                   lora: Lora | None = None) -> tuple[torch.Tensor, list[tuple[torch.Tensor, int]]]:
    """Mean cross-entropy over every position with a target in the whole batch. Each sequence is run on its
    own (positions from 0, causal attention within it). Returns the loss and, per sequence, the sum of its
    token losses and its number of targets."""
    sums, parts = [], []
    for ids, tgt in zip(sequences, targets):
        logits = forward(params, cfg, torch.tensor(ids), lora=lora)[0]  # (T, vocab)
        tgt = torch.tensor(tgt)
        keep = tgt != IGNORE
        s = torch.nn.functional.cross_entropy(logits[keep], tgt[keep], reduction="sum")
        sums.append(s)
        parts.append((s, int(keep.sum())))
    return sum(sums) / sum(n for _, n in parts), parts


@torch.no_grad()
def greedy(params: dict, cfg: Config, prompt: list[int], new_tokens: int) -> tuple[list[int], float]:
    """Greedy continuation (argmax, no sampling) of prompt; returns the new ids and the smallest gap
    between the best and second-best logit over the steps (how robust the fixture is to rounding)."""
    ids = list(prompt)
    margin = math.inf
    for _ in range(new_tokens):
        logits = forward(params, cfg, torch.tensor(ids))[0, -1]
        top = torch.topk(logits, 2).values
        margin = min(margin, float(top[0] - top[1]))
        ids.append(int(torch.argmax(logits)))
    return ids[len(prompt):], margin


def expected_param_names(cfg: Config) -> list[str]:
    """Every tensor name a checkpoint of this config holds, in Hugging Face naming."""
    names = ["model.embed_tokens.weight"]
    for layer in range(cfg.num_layers):
        p = f"model.layers.{layer}."
        names.append(p + "input_layernorm.weight")
        for proj in ("q_proj", "k_proj", "v_proj", "o_proj"):
            names.append(p + f"self_attn.{proj}.weight")
            if (proj != "o_proj" and cfg.qkv_bias) or (proj == "o_proj" and cfg.o_bias):
                names.append(p + f"self_attn.{proj}.bias")
        if cfg.qk_norm:
            names += [p + "self_attn.q_norm.weight", p + "self_attn.k_norm.weight"]
        names.append(p + "post_attention_layernorm.weight")
        names += [p + f"mlp.{m}.weight" for m in ("gate_proj", "up_proj", "down_proj")]
    names.append("model.norm.weight")
    if not cfg.tie_word_embeddings:
        names.append("lm_head.weight")
    return names


def param_shapes(cfg: Config) -> dict[str, tuple[int, ...]]:
    """Shape of every tensor of expected_param_names (weights are (out, in) like nn.Linear)."""
    C, F, D = cfg.hidden_size, cfg.intermediate_size, cfg.head_dim
    q_dim, kv_dim = cfg.num_heads * D, cfg.num_kv_heads * D
    shapes = {}
    for name in expected_param_names(cfg):
        leaf = name.split(".")[-2] + "." + name.split(".")[-1]
        shapes[name] = {
            "embed_tokens.weight": (cfg.vocab_size, C), "lm_head.weight": (cfg.vocab_size, C),
            "input_layernorm.weight": (C,), "post_attention_layernorm.weight": (C,), "norm.weight": (C,),
            "q_proj.weight": (q_dim, C), "k_proj.weight": (kv_dim, C), "v_proj.weight": (kv_dim, C),
            "o_proj.weight": (C, q_dim), "q_proj.bias": (q_dim,), "k_proj.bias": (kv_dim,),
            "v_proj.bias": (kv_dim,), "o_proj.bias": (C,), "q_norm.weight": (D,), "k_norm.weight": (D,),
            "gate_proj.weight": (F, C), "up_proj.weight": (F, C), "down_proj.weight": (C, F),
        }[leaf]
    return shapes
