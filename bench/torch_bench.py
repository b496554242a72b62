#!/usr/bin/python3
"""The PyTorch side of seal4j's benchmarks: the same shapes and steps as `seal bench infer|train`, run in
PyTorch eager on this machine, written as a PyTorch user would write them. Prints one JSON line.

  torch_bench.py matmul [--threads N]                    fp32 x·Wᵀ, 512x2048x2048, GFLOP/s
  torch_bench.py infer --shape stories15m [--threads N]  prefill and greedy KV-cache decode tokens/s
  torch_bench.py train --shape tiny-world|qwen2.5-0.5b-4l [--threads N] [--base fp32|bf16-autocast]

Weights are random (speed does not depend on them). Training: tiny-world trains every weight in fp32;
qwen2.5-0.5b-4l trains a LoRA (r=32, alpha=64, q_proj and v_proj, no dropout) on frozen base weights that
are stored as bf16 and, by default, upcast to fp32 once at load (--base fp32: what a CPU user gets from
from_pretrained(torch_dtype=float32), and the same arithmetic as seal4j, which reads bf16 weights and computes
in fp32). --base bf16-autocast keeps the base in bf16 and runs under torch.autocast("cpu", bfloat16):
faster matmuls on CPUs with AVX512-BF16, at bf16 precision.
"""
import argparse
import json
import math
import os
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SHAPES = {
    # dim, hidden, layers, heads, kv_heads, head_dim, vocab, context, eps, theta, qkv_bias
    "stories15m": dict(dim=288, hidden=768, layers=6, heads=6, kv_heads=6, head_dim=48, vocab=32000,
                       context=1024, eps=1e-5, theta=10000.0, bias=False),
    "tiny-world": dict(dim=256, hidden=768, layers=6, heads=8, kv_heads=4, head_dim=32, vocab=4096,
                       context=512, eps=1e-5, theta=10000.0, bias=False),
    "qwen2.5-0.5b-4l": dict(dim=896, hidden=4864, layers=4, heads=14, kv_heads=2, head_dim=64, vocab=151936,
                            context=32768, eps=1e-6, theta=1e6, bias=True),
}


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


class LoRALinear(nn.Module):
    """y = base(x) + (alpha/r)·(x·Aᵀ)·Bᵀ with the base frozen; PEFT's initialisation (A Kaiming-uniform, B zero)."""

    def __init__(self, base, r, alpha):
        super().__init__()
        self.base = base
        for p in base.parameters():
            p.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scale = alpha / r

    def forward(self, x):
        return self.base(x) + (x.to(self.lora_A.dtype) @ self.lora_A.t() @ self.lora_B.t()) * self.scale


def rope(x, cos, sin):
    """x (B, T, H, D) rotated by halves (Hugging Face's convention); cos, sin (T, D/2)."""
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    c, s = cos[None, :, None, :], sin[None, :, None, :]
    return torch.cat([x1 * c - x2 * s, x1 * s + x2 * c], dim=-1)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.h, self.kvh, self.d = c["heads"], c["kv_heads"], c["head_dim"]
        self.q_proj = nn.Linear(c["dim"], self.h * self.d, bias=c["bias"])
        self.k_proj = nn.Linear(c["dim"], self.kvh * self.d, bias=c["bias"])
        self.v_proj = nn.Linear(c["dim"], self.kvh * self.d, bias=c["bias"])
        self.o_proj = nn.Linear(self.h * self.d, c["dim"], bias=False)
        self.cache_k = self.cache_v = None

    def forward(self, x, cos, sin, mask, start):
        b, t, _ = x.shape
        q = rope(self.q_proj(x).view(b, t, self.h, self.d), cos, sin)
        k = rope(self.k_proj(x).view(b, t, self.kvh, self.d), cos, sin)
        v = self.v_proj(x).view(b, t, self.kvh, self.d)
        if self.cache_k is not None:  # inference: append to the preallocated cache, attend to all of it
            self.cache_k[:b, start:start + t] = k
            self.cache_v[:b, start:start + t] = v
            k, v = self.cache_k[:b, :start + t], self.cache_v[:b, :start + t]
        group = self.h // self.kvh
        k = k.repeat_interleave(group, dim=2).transpose(1, 2)  # (B, H, S, D)
        v = v.repeat_interleave(group, dim=2).transpose(1, 2)
        q = q.transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.d)
        if mask is not None:
            scores = scores + mask
        p = F.softmax(scores.float(), dim=-1).type_as(q)
        out = (p @ v).transpose(1, 2).reshape(b, t, self.h * self.d)
        return self.o_proj(out)


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gate_proj = nn.Linear(c["dim"], c["hidden"], bias=False)
        self.up_proj = nn.Linear(c["dim"], c["hidden"], bias=False)
        self.down_proj = nn.Linear(c["hidden"], c["dim"], bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.input_layernorm = RMSNorm(c["dim"], c["eps"])
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c["dim"], c["eps"])
        self.mlp = MLP(c)

    def forward(self, x, cos, sin, mask, start):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask, start)
        return x + self.mlp(self.post_attention_layernorm(x))


class Llama(nn.Module):
    """Llama / Qwen2 decoder with a tied LM head."""

    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(c["vocab"], c["dim"])
        self.layers = nn.ModuleList(Block(c) for _ in range(c["layers"]))
        self.norm = RMSNorm(c["dim"], c["eps"])
        inv = 1.0 / (c["theta"] ** (torch.arange(0, c["head_dim"], 2).float() / c["head_dim"]))
        freqs = torch.outer(torch.arange(c["context"]).float(), inv)
        self.register_buffer("cos", freqs.cos(), persistent=False)
        self.register_buffer("sin", freqs.sin(), persistent=False)

    def forward(self, tokens, start=0):
        b, t = tokens.shape
        x = self.embed_tokens(tokens)
        mask = None
        if t > 1:
            mask = torch.full((t, t), float("-inf")).triu(1)
            mask = torch.hstack([torch.zeros(t, start), mask]).type_as(x)
        cos, sin = self.cos[start:start + t], self.sin[start:start + t]
        for layer in self.layers:
            x = layer(x, cos, sin, mask, start)
        return F.linear(self.norm(x), self.embed_tokens.weight.type_as(x))

    def allocate_cache(self, batch, length):
        c = self.c
        for layer in self.layers:
            layer.self_attn.cache_k = torch.zeros(batch, length, c["kv_heads"], c["head_dim"])
            layer.self_attn.cache_v = torch.zeros(batch, length, c["kv_heads"], c["head_dim"])


def randomize(model, seed):
    """Uniform weights with standard deviation 1/√in (the embedding too), norms near 1, small biases — as seal4j's."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_" in name:
                continue
            if name.endswith("layernorm.weight") or name == "norm.weight":
                p.copy_(1 + (torch.rand(p.shape, generator=g) * 2 - 1) * 0.1)
            elif name.endswith(".bias"):
                p.copy_((torch.rand(p.shape, generator=g) * 2 - 1) * 0.02)
            else:
                p.copy_((torch.rand(p.shape, generator=g) * 2 - 1) * math.sqrt(3 / p.shape[1]))


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def bench_matmul(args):
    a, w = torch.randn(512, 2048), torch.randn(2048, 2048)
    times = []
    for i in range(args.warmup + args.runs):
        t0 = time.perf_counter()
        F.linear(a, w)
        if i >= args.warmup:
            times.append(time.perf_counter() - t0)
    return {"m": 512, "n": 2048, "k": 2048, "gflops": 2 * 512 * 2048 * 2048 / statistics.median(times) / 1e9,
            "seconds": times}


@torch.inference_mode()
def bench_infer(args):
    c = SHAPES[args.shape]
    model = Llama(c).eval()
    randomize(model, args.seed)
    g = torch.Generator().manual_seed(args.seed)
    prefill = torch.randint(0, c["vocab"], (1, args.prefill), generator=g)
    prompt = torch.randint(0, c["vocab"], (1, args.prompt), generator=g)
    model.allocate_cache(1, max(args.prefill, args.prompt + args.tokens))
    prefill_times, decode_times = [], []
    for i in range(args.warmup + args.runs):
        t0 = time.perf_counter()
        model(prefill)[:, -1]
        if i >= args.warmup:
            prefill_times.append(time.perf_counter() - t0)
    for i in range(args.warmup + args.runs):
        logits = model(prompt)[:, -1]
        pos = args.prompt
        t0 = time.perf_counter()
        for _ in range(args.tokens):
            token = logits.argmax(-1, keepdim=True)
            logits = model(token, pos)[:, -1]
            pos += 1
        if i >= args.warmup:
            decode_times.append(time.perf_counter() - t0)
    return {"prompt_tokens": args.prompt, "decode_tokens": args.tokens, "prefill_tokens": args.prefill,
            "prefill_tokens_per_second": args.prefill / statistics.median(prefill_times),
            "decode_tokens_per_second": args.tokens / statistics.median(decode_times),
            "prefill_seconds": prefill_times, "decode_seconds": decode_times}


def bench_train(args):
    c = SHAPES[args.shape]
    lora = args.shape != "tiny-world"
    batch, seq = (1, 256) if lora else (8, 256)
    model = Llama(c)
    randomize(model, args.seed)
    autocast = False
    if lora:
        with torch.no_grad():  # the checkpoint's bf16 weights
            for p in model.parameters():
                p.copy_(p.to(torch.bfloat16).float())
        if args.base == "bf16-autocast":
            model.to(torch.bfloat16)
            autocast = True
        for layer in model.layers:
            a = layer.self_attn
            a.q_proj = LoRALinear(a.q_proj, 32, 64)
            a.v_proj = LoRALinear(a.v_proj, 32, 64)
        for name, p in model.named_parameters():
            p.requires_grad_("lora_" in name)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=1e-3 if lora else 1e-4, weight_decay=0.0)
    g = torch.Generator().manual_seed(args.seed)
    data = torch.randint(0, c["vocab"], (batch * seq + 1,), generator=g)
    tokens, targets = data[:-1].view(batch, seq), data[1:].view(batch, seq)
    times, losses = [], []
    model.train()
    for i in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
            logits = model(tokens)
        loss = F.cross_entropy(logits.float().view(-1, c["vocab"]), targets.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        dt = time.perf_counter() - t0
        losses.append(loss.item())
        if i >= args.warmup:
            times.append(dt)
    return {"mode": "lora" if lora else "full", "base": args.base if lora else "fp32", "batch": batch,
            "seq_len": seq, "trainable_parameters": sum(p.numel() for p in params),
            "tokens_per_second": batch * seq / statistics.median(times), "step_seconds": times, "losses": losses,
            "peak_rss_bytes": peak_rss_bytes()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["matmul", "infer", "train"])
    ap.add_argument("--shape", default="stories15m", choices=sorted(SHAPES))
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--tokens", type=int, default=256)
    ap.add_argument("--prompt", type=int, default=32)
    ap.add_argument("--prefill", type=int, default=256)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--base", default="fp32", choices=["fp32", "bf16-autocast"])
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    result = {"matmul": bench_matmul, "infer": bench_infer, "train": bench_train}[args.what](args)
    out = {"what": args.what, "shape": None if args.what == "matmul" else args.shape, "threads": args.threads,
           "torch": torch.__version__, "result": result, "load_average": os.getloadavg()[0]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
