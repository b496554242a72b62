"""Writes seal4j's training fixtures: losses and gradients of LoRA adapters and of all weights, and short
AdamW runs, computed by PyTorch autograd on the reference model for the tiny Hugging Face models that
make_fixtures.py wrote (read from fixtures/hf/, not copied).

    /usr/bin/python3 tools/make_training_fixtures.py          (from the repository root)

Deterministic: fixed seeds, one thread; rerunning rewrites identical files. Output goes to
engine/src/test/resources/fixtures/training/ (formats described in fixtures/README.md). Every number is
computed in float64 from float32 (or bf16) stored values and written as float32 (tensors) or as the float64
value (JSON). The script checks itself and stops with an error if a check fails: autograd against central
finite differences, LoRA against the merged model W + scaling * B A (loss and chain rule), the batch loss
against Hugging Face's padded-batch formulation, and torch.optim.AdamW with clip_grad_norm_ against a
hand-written AdamW.
"""
from __future__ import annotations

import json
import math
import shutil
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from file_formats import read_hf_dir, write_safetensors  # noqa: E402
from make_fixtures import write_json  # noqa: E402
from reference_model import IGNORE, Config, Lora, causal_lm_loss, forward, next_token_targets  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "engine/src/test/resources/fixtures"
OUT = FIXTURES / "training"

# The batch: two sequences of different lengths, each run on its own from position 0.
SEQUENCES = [[1, 72, 101, 108, 108, 111, 33], [1, 5, 9, 33, 100]]
PROMPT_LENGTHS = [3, 2]  # completion-only: targets that predict one of the first k tokens are ignored
TARGETS = {
    "full": [next_token_targets(ids) for ids in SEQUENCES],
    "completion": [next_token_targets(ids, k) for ids, k in zip(SEQUENCES, PROMPT_LENGTHS)],
}

ALL_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass(frozen=True)
class LoraSpec:
    r: int
    alpha: int
    target_modules: tuple  # in the order adapter_config.json lists them (PEFT saves a set: any order)

    @property
    def scaling(self) -> float:
        return self.alpha / self.r


CONFIG_A = LoraSpec(r=4, alpha=8, target_modules=tuple(ALL_MODULES))
CONFIG_B = LoraSpec(r=2, alpha=16, target_modules=("v_proj", "q_proj"))

# AdamW as torch.optim.AdamW, with clip_grad_norm_ before every step
LR, BETAS, EPS, WEIGHT_DECAY, MAX_NORM, STEPS, WARMUP = 1e-2, (0.9, 0.999), 1e-8, 0.01, 1.0, 3, 1
RANDOM_INIT_STD = 0.1

# (base model dir, LoRA config, seed of the random adapter, seed of PEFT's init, label variants)
LORA_CASES = {
    "llama": ("llama", CONFIG_A, 101, 201, ("full", "completion")),
    "qwen2": ("qwen2", CONFIG_A, 102, 202, ("full",)),
    "qwen3": ("qwen3", CONFIG_A, 103, 203, ("full",)),
    "mistral": ("mistral", CONFIG_B, 104, 204, ("full",)),
    "qwen2_bf16": ("qwen2_bf16", CONFIG_A, 105, None, ("full",)),  # gradients only
}
FULL_CASES = ["llama", "qwen2", "qwen3"]


# ------------------------------------------------------------------------------------------- helpers

def load_base(name: str) -> tuple[Config, dict]:
    """The model's Config and its weights as float32 (bf16 values widen exactly)."""
    hf_config, tensors = read_hf_dir(FIXTURES / "hf" / name)
    return Config.from_hf(hf_config), {k: v.float() for k, v in tensors.items()}


def module_name(layer: int, module: str) -> str:
    return f"model.layers.{layer}.{'mlp' if module in ('gate_proj', 'up_proj', 'down_proj') else 'self_attn'}.{module}"


def peft_key(module: str, matrix: str) -> str:
    """PEFT's saved key (get_peft_model_state_dict): the PeftModel's parameter name
    base_model.model.<HF module>.lora_A.default.weight with the adapter name 'default' removed."""
    return f"base_model.model.{module}.{matrix}.weight"


def adapted_modules(cfg: Config, params: dict, spec: LoraSpec) -> list[tuple[str, int, int]]:
    """(module, in, out) of every adapted linear layer, by layer, then in ALL_MODULES order."""
    out = []
    for layer in range(cfg.num_layers):
        for m in ALL_MODULES:
            if m in spec.target_modules:
                name = module_name(layer, m)
                rows, cols = params[name + ".weight"].shape
                out.append((name, cols, rows))
    return out


def random_adapter(modules, spec: LoraSpec, seed: int) -> dict:
    """A and B both N(0, 0.1^2) in float32, so that neither gradient is trivially zero."""
    gen = torch.Generator().manual_seed(seed)
    tensors = {}
    for name, fan_in, fan_out in modules:
        tensors[peft_key(name, "lora_A")] = torch.randn(spec.r, fan_in, generator=gen) * RANDOM_INIT_STD
        tensors[peft_key(name, "lora_B")] = torch.randn(fan_out, spec.r, generator=gen) * RANDOM_INIT_STD
    return tensors


def peft_init_adapter(modules, spec: LoraSpec, seed: int) -> dict:
    """PEFT's default init (LoraLayer.reset_lora_parameters, init_lora_weights=True): A Kaiming-uniform with
    a = sqrt(5), i.e. U(-1/sqrt(in), 1/sqrt(in)); B zero."""
    torch.manual_seed(seed)
    tensors = {}
    for name, fan_in, fan_out in modules:
        a = torch.empty(spec.r, fan_in)
        torch.nn.init.kaiming_uniform_(a, a=math.sqrt(5))
        assert float(a.abs().max()) <= 1 / math.sqrt(fan_in)
        tensors[peft_key(name, "lora_A")] = a
        tensors[peft_key(name, "lora_B")] = torch.zeros(fan_out, spec.r)
    return tensors


def as_lora(tensors: dict, spec: LoraSpec) -> Lora:
    modules = {}
    for key, t in tensors.items():
        module = key[len("base_model.model."):key.index(".lora_")]
        a, b = modules.get(module, (None, None))
        modules[module] = (t, b) if ".lora_A." in key else (a, t)
    return Lora(spec.scaling, modules)


def leaves(tensors: dict, dtype: torch.dtype) -> dict:
    return {k: v.to(dtype).clone().requires_grad_(True) for k, v in tensors.items()}


def rel(path: Path) -> str:
    return str(path.relative_to(FIXTURES))


def write_adapter(directory: Path, spec: LoraSpec, base: str, tensors: dict):
    """A PEFT adapter directory as PeftModel.save_pretrained writes it (LoraConfig.to_dict, sorted, indent 2;
    F32 safetensors with metadata format=pt)."""
    directory.mkdir(parents=True)
    config = {
        "alpha_pattern": {}, "auto_mapping": None, "base_model_name_or_path": base, "bias": "none",
        "fan_in_fan_out": False, "inference_mode": True, "init_lora_weights": True, "layer_replication": None,
        "layers_pattern": None, "layers_to_transform": None, "loftq_config": {}, "lora_alpha": spec.alpha,
        "lora_dropout": 0.0, "megatron_config": None, "megatron_core": "megatron.core", "modules_to_save": None,
        "peft_type": "LORA", "r": spec.r, "rank_pattern": {}, "revision": None,
        "target_modules": list(spec.target_modules), "task_type": "CAUSAL_LM", "use_dora": False,
        "use_rslora": False,
    }
    (directory / "adapter_config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    write_safetensors(directory / "adapter_model.safetensors", {k: v.float() for k, v in tensors.items()},
                      {"format": "pt"})


def sig(x: float) -> float:
    return float(f"{x:.3g}")


# ------------------------------------------------------------------------------------------- checks

def check_padded_batch_loss(params: dict, cfg: Config, targets: list, lora: Lora | None, loss: torch.Tensor):
    """Hugging Face's formulation: right-pad the batch, labels = input ids with -100 on ignored tokens and
    padding, logits[:, :-1] against labels[:, 1:], mean cross-entropy with ignore_index -100. Padding at the
    end cannot reach earlier positions through causal attention, so it must give the same loss."""
    width = max(len(s) for s in SEQUENCES)
    ids = torch.tensor([s + [0] * (width - len(s)) for s in SEQUENCES])
    labels = torch.full((len(SEQUENCES), width), IGNORE)
    for i, tgt in enumerate(targets):
        for t, token in enumerate(tgt):
            if token != IGNORE:
                labels[i, t + 1] = token
    logits = forward(params, cfg, ids, lora=lora)
    hf = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, cfg.vocab_size), labels[:, 1:].reshape(-1),
                                           ignore_index=IGNORE)
    if abs(float(hf) - float(loss)) > 1e-12:
        raise RuntimeError(f"padded-batch loss {float(hf)} != per-sequence loss {float(loss)}")


def check_against_merged_weights(params: dict, cfg: Config, lora: Lora, targets: list, loss: torch.Tensor,
                                 grads: dict):
    """LoRA is the merged model W' = W + scaling * B A: the same loss, and by the chain rule
    dA = scaling * B^T dW' and dB = scaling * dW' A^T with dW' the full gradient at the merged weights."""
    merged = {k: v.detach().clone() for k, v in params.items()}
    for module, (a, b) in lora.modules.items():
        merged[module + ".weight"] += lora.scaling * (b.detach() @ a.detach())
    merged = leaves(merged, torch.float64)
    merged_loss, _ = causal_lm_loss(merged, cfg, SEQUENCES, targets)
    merged_loss.backward()
    worst = abs(float(merged_loss) - float(loss))
    for module, (a, b) in lora.modules.items():
        dw = merged[module + ".weight"].grad
        worst = max(worst, float((lora.scaling * b.detach().T @ dw - grads[peft_key(module, "lora_A")]).abs().max()),
                    float((lora.scaling * dw @ a.detach().T - grads[peft_key(module, "lora_B")]).abs().max()))
    if worst > 1e-12:
        raise RuntimeError(f"LoRA and the merged model disagree by {worst}")


def check_finite_differences(loss_of, variables: dict, grads: dict, keys: list[str], label: str,
                             extra: tuple = ()):
    """Central differences in float64 at the largest-gradient entry and one fixed entry of each key, and at
    the extra (key, flat index) entries."""
    h = 1e-6
    worst = 0.0
    entries = [(k, i) for k in keys for i in (int(grads[k].view(-1).abs().argmax()),
                                               (7919 * len(k)) % grads[k].numel())] + list(extra)
    with torch.no_grad():
        for key, index in entries:
            flat = variables[key].view(-1)
            saved = float(flat[index])
            flat[index] = saved + h
            up = float(loss_of())
            flat[index] = saved - h
            down = float(loss_of())
            flat[index] = saved
            fd = (up - down) / (2 * h)
            g = float(grads[key].view(-1)[index])
            worst = max(worst, abs(fd - g))
            if abs(fd - g) > 1e-7 + 1e-6 * abs(g):
                raise RuntimeError(f"{label}: {key}[{index}] autograd {g} vs finite difference {fd}")
    print(f"    finite differences agree at {len(entries)} entries (max |diff| {worst:.1e})")


# --------------------------------------------------------------------------------------- LoRA grads

def lora_loss_and_grads(params: dict, cfg: Config, adapter: dict, spec: LoraSpec, targets: list,
                        dtype: torch.dtype):
    p = {k: v.to(dtype) for k, v in params.items()}
    train = leaves(adapter, dtype)
    loss, parts = causal_lm_loss(p, cfg, SEQUENCES, targets, as_lora(train, spec))
    loss.backward()
    return loss.detach(), {k: v.grad for k, v in train.items()}, parts, p, train


def write_lora_grad_case(name: str, base: str, spec: LoraSpec, seed: int, variants: tuple):
    print(f"  lora_grad/{name}: base hf/{base}, r {spec.r}, alpha {spec.alpha}, {len(spec.target_modules)} targets")
    cfg, params = load_base(base)
    adapter = random_adapter(adapted_modules(cfg, params, spec), spec, seed)
    directory = OUT / "lora_grad" / name
    write_adapter(directory / "adapter", spec, f"hf/{base}", adapter)
    with torch.no_grad():
        base_loss, _ = causal_lm_loss({k: v.double() for k, v in params.items()}, cfg, SEQUENCES, TARGETS["full"])
    record = {"base": f"hf/{base}", "adapter": rel(directory / "adapter"),
              "lora": {"r": spec.r, "lora_alpha": spec.alpha, "scaling": spec.scaling,
                       "target_modules": list(spec.target_modules)},
              "base_loss_full": float(base_loss), "cases": []}
    for variant in variants:
        targets = TARGETS[variant]
        loss, grads, parts, p64, train = lora_loss_and_grads(params, cfg, adapter, spec, targets, torch.float64)
        loss32, grads32, _, _, _ = lora_loss_and_grads(params, cfg, adapter, spec, targets, torch.float32)
        lora64 = as_lora(train, spec)
        check_padded_batch_loss(p64, cfg, targets, lora64, loss)
        check_against_merged_weights(p64, cfg, lora64, targets, loss, grads)
        picks = [k for k in sorted(grads) if ".layers.0." in k and ("q_proj" in k or "down_proj" in k)] or \
            [k for k in sorted(grads) if ".layers.0." in k]
        check_finite_differences(lambda: causal_lm_loss(p64, cfg, SEQUENCES, targets, lora64)[0], train, grads,
                                 picks, f"lora_grad/{name}/{variant}")
        suffix = "" if variant == "full" else f".{variant}"
        grads_file = directory / f"grads{suffix}.safetensors"
        write_safetensors(grads_file, {k: v.float() for k, v in grads.items()}, {"format": "pt"})
        diff = max(float((grads32[k].double() - grads[k]).abs().max()) for k in grads)
        record["cases"].append({
            "targets": variant, "loss": float(loss), "grads": rel(grads_file),
            "per_sequence": [{"loss_sum": float(s), "count": n} for s, n in parts],
            "max_abs_grad": sig(max(float(g.abs().max()) for g in grads.values())),
            "max_abs_diff_float32_vs_float64": {"loss": sig(abs(float(loss32) - float(loss))), "grads": sig(diff)},
        })
        print(f"    {variant}: loss {float(loss):.6f} (base {float(base_loss):.6f}), "
              f"max |grad| {record['cases'][-1]['max_abs_grad']}, f32 grad err {diff:.1e}")
    write_json(rel(directory / "expected.json"), record)


# -------------------------------------------------------------------------------------------- AdamW

def linear_schedule_with_warmup(step: int, warmup: int, total: int) -> float:
    """transformers.optimization._get_linear_schedule_with_warmup_lr_lambda: the lr multiplier of step."""
    if step < warmup:
        return float(step) / float(max(1, warmup))
    return max(0.0, float(total - step) / float(max(1, total - warmup)))


def torch_adamw_run(loss_of, variables: dict, schedule: bool, max_norm: float | None):
    """STEPS steps of torch.optim.AdamW (with the linear warmup schedule if asked), clip_grad_norm_ before
    each. Returns the losses (before each update), pre-clip global norms and the lr of each update."""
    params = list(variables.values())
    opt = torch.optim.AdamW(params, lr=LR, betas=BETAS, eps=EPS, weight_decay=WEIGHT_DECAY)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, partial(linear_schedule_with_warmup, warmup=WARMUP, total=STEPS)) if schedule else None
    losses, norms, lrs = [], [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_of()
        loss.backward()
        if max_norm is not None:
            norms.append(float(torch.nn.utils.clip_grad_norm_(params, max_norm)))
        losses.append(float(loss))
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if sched is not None:
            sched.step()
    return losses, norms, lrs


def hand_adamw_run(grad_of, values: dict, lrs: list, max_norm: float | None) -> dict:
    """The same updates written out (PyTorch's AdamW and clip_grad_norm_), in float64:
        norm = sqrt(sum of all g^2); if max_norm: g *= min(1, max_norm / (norm + 1e-6))
        p *= 1 - lr * wd;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
        p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)"""
    p = {k: v.clone() for k, v in values.items()}
    m = {k: torch.zeros_like(v) for k, v in p.items()}
    v2 = {k: torch.zeros_like(v) for k, v in p.items()}
    b1, b2 = BETAS
    for t, lr in enumerate(lrs, start=1):
        g = grad_of(p)
        if max_norm is not None:
            norm = math.sqrt(sum(float((x * x).sum()) for x in g.values()))
            g = {k: x * min(1.0, max_norm / (norm + 1e-6)) for k, x in g.items()}
        for k in p:
            p[k] = p[k] * (1 - lr * WEIGHT_DECAY)
            m[k] = b1 * m[k] + (1 - b1) * g[k]
            v2[k] = b2 * v2[k] + (1 - b2) * g[k] * g[k]
            p[k] = p[k] - lr / (1 - b1 ** t) * m[k] / (v2[k].sqrt() / math.sqrt(1 - b2 ** t) + EPS)
    return p


def write_adamw_case(name: str, base: str, spec: LoraSpec, seed: int):
    print(f"  adamw/{name}: base hf/{base}, r {spec.r}, alpha {spec.alpha}")
    cfg, params = load_base(base)
    init = peft_init_adapter(adapted_modules(cfg, params, spec), spec, seed)
    directory = OUT / "adamw" / name
    write_adapter(directory / "adapter_init", spec, f"hf/{base}", init)
    targets = TARGETS["full"]
    record = {"base": f"hf/{base}", "adapter_init": rel(directory / "adapter_init"), "targets": "full",
              "lora": {"r": spec.r, "lora_alpha": spec.alpha, "scaling": spec.scaling,
                       "target_modules": list(spec.target_modules)},
              "adamw": {"lr": LR, "betas": list(BETAS), "eps": EPS, "weight_decay": WEIGHT_DECAY,
                        "max_grad_norm": MAX_NORM, "steps": STEPS},
              "runs": []}
    for run, schedule in (("constant", False), ("linear_warmup", True)):
        results = {}
        for dtype in (torch.float64, torch.float32):
            p = {k: v.to(dtype) for k, v in params.items()}
            train = leaves(init, dtype)
            results[dtype] = (torch_adamw_run(
                lambda: causal_lm_loss(p, cfg, SEQUENCES, targets, as_lora(train, spec))[0], train, schedule,
                MAX_NORM), {k: v.detach() for k, v in train.items()})
        (losses, norms, lrs), final = results[torch.float64]
        _, final32 = results[torch.float32]
        p64 = {k: v.double() for k, v in params.items()}

        def grad_of(values):
            train = leaves(values, torch.float64)
            causal_lm_loss(p64, cfg, SEQUENCES, targets, as_lora(train, spec))[0].backward()
            return {k: v.grad for k, v in train.items()}

        by_hand = hand_adamw_run(grad_of, {k: v.double() for k, v in init.items()}, lrs, MAX_NORM)
        hand_diff = max(float((by_hand[k] - final[k]).abs().max()) for k in final)
        if hand_diff > 1e-12:
            raise RuntimeError(f"adamw/{name}/{run}: torch.optim.AdamW and the hand-written AdamW differ by {hand_diff}")
        adapter_dir = directory / f"adapter_step{STEPS}_{run}"
        write_adapter(adapter_dir, spec, f"hf/{base}", final)
        f32_diff = max(float((final32[k].double() - final[k]).abs().max()) for k in final)
        record["runs"].append({
            "name": run, "schedule": "linear warmup 1 step, then linear decay to 0 at step 3" if schedule else "constant",
            "lr_per_step": lrs, "losses": losses, "grad_norms_before_clipping": norms,
            "clipped": [n > MAX_NORM for n in norms], "adapter_after": rel(adapter_dir),
            "max_abs_diff_float32_vs_float64": sig(f32_diff),
        })
        print(f"    {run}: lr {lrs}, losses {[round(x, 5) for x in losses]}, norms {[round(x, 3) for x in norms]}, "
              f"f32 err {f32_diff:.1e}, hand-written AdamW diff {hand_diff:.1e}")
    write_json(rel(directory / "expected.json"), record)


def write_adamw_unit():
    """Optimizer-only fixture: two small parameters, given gradients, expected values after each step."""
    gen = torch.Generator().manual_seed(7)

    def values(*shape, scale=1.0):  # float32 values (exact in a float32 engine), computed on in float64
        return (torch.randn(*shape, generator=gen) * scale).double()

    init = {"w": values(2, 3), "b": values(2)}
    grads = []
    for step in range(STEPS):
        g = {"w": values(2, 3, scale=0.1 if step == 1 else 1.5), "b": values(2, scale=0.5)}
        if step > 0:
            g["w"][0, 0] = 0.0  # from step 1 on, this entry moves by its moments (and weight decay) alone
        g["b"][1] = 0.0  # never a gradient: only weight decay moves it
        grads.append(g)
    record = {"adamw": {"lr": LR, "betas": list(BETAS), "eps": EPS, "weight_decay": WEIGHT_DECAY},
              "init": {k: v.flatten().tolist() for k, v in init.items()},
              "shapes": {k: list(v.shape) for k, v in init.items()},
              "grads": [{k: v.flatten().tolist() for k, v in g.items()} for g in grads], "runs": []}
    for run, schedule, max_norm in (("constant", False, None), ("clip", False, MAX_NORM),
                                    ("linear_warmup_clip", True, MAX_NORM)):
        variables = {k: v.clone().requires_grad_(True) for k, v in init.items()}
        params = list(variables.values())
        opt = torch.optim.AdamW(params, lr=LR, betas=BETAS, eps=EPS, weight_decay=WEIGHT_DECAY)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, partial(linear_schedule_with_warmup, warmup=WARMUP, total=STEPS)) if schedule else None
        after, norms, lrs = [], [], []
        for g in grads:
            for k, v in variables.items():
                v.grad = g[k].clone()
            if max_norm is not None:
                norms.append(float(torch.nn.utils.clip_grad_norm_(params, max_norm)))
            lrs.append(opt.param_groups[0]["lr"])
            opt.step()
            if sched is not None:
                sched.step()
            after.append({k: v.detach().flatten().tolist() for k, v in variables.items()})
        step_grads = iter(grads)
        by_hand = hand_adamw_run(lambda _: next(step_grads), init, lrs, max_norm)
        diff = max(float((by_hand[k].flatten() - torch.tensor(after[-1][k], dtype=torch.float64)).abs().max())
                   for k in init)
        if diff > 1e-14:
            raise RuntimeError(f"adamw_unit/{run}: torch and the hand-written AdamW differ by {diff}")
        record["runs"].append({"name": run, "max_grad_norm": max_norm, "lr_per_step": lrs,
                               "grad_norms_before_clipping": norms, "after_step": after})
        print(f"  adamw_unit/{run}: lr {lrs}, norms {[round(n, 3) for n in norms]}")
    write_json(rel(OUT / "adamw_unit.json"), record)


# ----------------------------------------------------------------------------------- full fine-tuning

def full_loss_and_grads(params: dict, cfg: Config, dtype: torch.dtype):
    train = leaves(params, dtype)
    loss, parts = causal_lm_loss(train, cfg, SEQUENCES, TARGETS["full"])
    loss.backward()
    return loss.detach(), {k: v.grad for k, v in train.items()}, parts, train


def write_full_grad_case(name: str):
    print(f"  full_grad/{name}")
    cfg, params = load_base(name)
    loss, grads, parts, train = full_loss_and_grads(params, cfg, torch.float64)
    loss32, grads32, _, _ = full_loss_and_grads(params, cfg, torch.float32)
    check_padded_batch_loss(train, cfg, TARGETS["full"], None, loss)
    picks = ["model.embed_tokens.weight", "model.norm.weight", "model.layers.0.input_layernorm.weight",
             "model.layers.1.mlp.down_proj.weight", "model.layers.0.self_attn.k_proj.weight"]
    picks += [k for k in sorted(grads) if k.startswith("model.layers.0.") and k.endswith(("bias", "q_norm.weight"))]
    if not cfg.tie_word_embeddings:
        picks.append("lm_head.weight")
    # an embedding row of a token that is both an input and a target (tied: gradient from both uses)
    embedding_entry = ("model.embed_tokens.weight", SEQUENCES[1][2] * cfg.hidden_size + 3)
    check_finite_differences(lambda: causal_lm_loss(train, cfg, SEQUENCES, TARGETS["full"])[0], train, grads, picks,
                             f"full_grad/{name}", (embedding_entry,))
    directory = OUT / "full_grad" / name
    directory.mkdir(parents=True)
    grads_file = directory / "grads.safetensors"
    write_safetensors(grads_file, {k: v.float() for k, v in grads.items()}, {"format": "pt"})
    diff = max(float((grads32[k].double() - grads[k]).abs().max()) for k in grads)
    record = {"base": f"hf/{name}", "targets": "full", "tie_word_embeddings": cfg.tie_word_embeddings,
              "loss": float(loss), "grads": rel(grads_file),
              "per_sequence": [{"loss_sum": float(s), "count": n} for s, n in parts],
              "max_abs_grad": sig(max(float(g.abs().max()) for g in grads.values())),
              "max_abs_diff_float32_vs_float64": {"loss": sig(abs(float(loss32) - float(loss))), "grads": sig(diff)}}
    write_json(rel(directory / "expected.json"), record)
    print(f"    loss {float(loss):.6f}, {len(grads)} tensors, max |grad| {record['max_abs_grad']}, f32 err {diff:.1e}")


# --------------------------------------------------------------------------------------------- main

def main():
    torch.set_num_threads(1)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    write_json(rel(OUT / "batch.json"), {
        "sequences": SEQUENCES, "prompt_lengths": PROMPT_LENGTHS,
        "targets": TARGETS, "counts": {k: sum(t != IGNORE for s in v for t in s) for k, v in TARGETS.items()},
    })
    print("LoRA gradients")
    for name, (base, spec, seed, _, variants) in LORA_CASES.items():
        write_lora_grad_case(name, base, spec, seed, variants)
    print("AdamW")
    write_adamw_unit()
    for name, (base, spec, _, seed, _) in LORA_CASES.items():
        if seed is not None:
            write_adamw_case(name, base, spec, seed)
    print("Full fine-tuning gradients")
    for name in FULL_CASES:
        write_full_grad_case(name)
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"training fixtures: {total / 1024:.0f} KiB in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
