#!/usr/bin/python3
"""Runs seal4j's benchmarks and the same shapes in PyTorch (bench/torch_bench.py) back to back with the
same thread count, and prints a table of Java/PyTorch ratios against the targets.

  bench/compare.py [--threads 2] [--rounds 1] [--skip-train] [--memory] [--json-out FILE]

Each round runs every Java benchmark and its PyTorch counterpart one after the other; with several rounds
the table shows the median over rounds of each side's median. The machine's load average is printed with
the results: on a shared machine, compare only figures taken together.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEAL = ROOT / "seal"
TORCH = Path(__file__).resolve().parent / "torch_bench.py"


def run_json(cmd, env=None):
    print("  $ " + " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    out = subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True, env=env).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def torch_env(threads):
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    return env


def torch_best(args, what, extra=()):
    """PyTorch's figure with the benchmark's thread count and, when that is above 1, with one thread (on a busy
    machine PyTorch's thread pools can be slower than one thread); returns both results."""
    py = ["/usr/bin/python3", TORCH]
    out = {}
    for threads in sorted({args.threads, 1} if args.one_thread_torch else {args.threads}):
        out[threads] = run_json(py + [what, "--threads", str(threads), *extra], torch_env(threads))[0]["result"]
    return out


def one_round(args):
    t = str(args.threads)
    r = {}
    java = run_json([SEAL, "bench", "infer", "--shape", "stories15m", "--threads", t, "--json"])[0]
    r["matmul_java"] = java["matmul"]["gflops"]
    r["decode_f32_java"] = java["result"]["decode_tokens_per_second"]
    r["prefill_f32_java"] = java["result"]["prefill_tokens_per_second"]
    r["bytes_per_token_java"] = java["result"]["decode_bytes_per_token"]
    for threads, res in torch_best(args, "matmul").items():
        r[f"matmul_torch_{threads}t"] = res["gflops"]
    for threads, res in torch_best(args, "infer", ("--shape", "stories15m")).items():
        r[f"decode_torch_{threads}t"] = res["decode_tokens_per_second"]
        r[f"prefill_torch_{threads}t"] = res["prefill_tokens_per_second"]
    q8 = run_json([SEAL, "bench", "infer", "--shape", "stories15m", "--dtype", "q8_0", "--skip-matmul",
                   "--threads", t, "--json"])[0]["result"]
    r["decode_q8_java"] = q8["decode_tokens_per_second"]
    r["bytes_per_token_q8_java"] = q8["decode_bytes_per_token"]
    if not args.skip_train:
        for shape, key in (("tiny-world", "tiny"), ("qwen2.5-0.5b-4l", "qwen4l")):
            java = run_json([SEAL, "bench", "train", "--shape", shape, "--threads", t, "--json"])[0]["result"]
            r[f"train_{key}_java"] = java["tokens_per_second"]
            r[f"train_{key}_java_rss"] = java["peak_rss_bytes"]
            for threads, res in torch_best(args, "train", ("--shape", shape)).items():
                r[f"train_{key}_torch_{threads}t"] = res["tokens_per_second"]
                if threads == args.threads:
                    r[f"train_{key}_torch_rss"] = res["peak_rss_bytes"]
            if shape != "tiny-world":
                for threads, res in torch_best(args, "train", ("--shape", shape, "--base", "bf16-autocast")).items():
                    r[f"train_{key}_torch_bf16_{threads}t"] = res["tokens_per_second"]
    if args.memory:
        java = run_json([SEAL, "bench", "train", "--shape", "qwen2.5-0.5b", "--threads", t, "--json"])[0]["result"]
        r["memory_05b_rss"] = java["peak_rss_bytes"]
        r["memory_05b_tokens"] = java["tokens_per_second"]
    r["load_average"] = os.getloadavg()[0]
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument("--memory", action="store_true", help="also the 24-layer Qwen2.5-0.5B LoRA memory run")
    ap.add_argument("--json-out", help="write every round's raw figures here")
    ap.add_argument("--no-one-thread-torch", dest="one_thread_torch", action="store_false",
                    help="do not also run PyTorch with one thread")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()}", flush=True)
    rounds = []
    for i in range(args.rounds):
        print(f"round {i + 1}/{args.rounds}", file=sys.stderr, flush=True)
        rounds.append(one_round(args))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rounds, indent=1))
    m = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}

    def torch_figure(prefix):
        """(figure with --threads, best of that and one thread)."""
        n = m.get(f"{prefix}_{args.threads}t")
        return n, max(v for k, v in m.items() if k.startswith(prefix + "_") and k.endswith("t") and k[len(prefix) + 1:-1].isdigit())

    rows = [("fp32 matmul 512x2048x2048 (GFLOP/s)", "matmul_java", "matmul_torch", ">= 0.7x PyTorch", 0.7),
            ("stories15M prefill 256 tokens (tokens/s)", "prefill_f32_java", "prefill_torch", "", None),
            ("stories15M decode F32 (tokens/s)", "decode_f32_java", "decode_torch", ">= 250/s and >= 2x PyTorch", 2.0),
            ("stories15M decode Q8_0 (tokens/s)", "decode_q8_java", "decode_torch", ">= 2x F32", None)]
    if not args.skip_train:
        rows += [("train tiny-world full, 8x256 (tokens/s)", "train_tiny_java", "train_tiny_torch", ">= 1.0x (aim 1.5x)", 1.0),
                 ("train qwen2.5-0.5b-4l LoRA, 1x256 (tokens/s)", "train_qwen4l_java", "train_qwen4l_torch", ">= 1.0x (aim 1.5x)", 1.0),
                 ("  vs PyTorch bf16 autocast (tokens/s)", "train_qwen4l_java", "train_qwen4l_torch_bf16", "(for reference)", None)]
    print(f"\nthreads {args.threads}, rounds {args.rounds}, load average after: {os.getloadavg()}")
    print("PyTorch columns: with the same threads, and the best of that and one thread; the ratio is against the best.\n")
    print(f"| {'benchmark':46} | {'seal4j':>9} | {'PyTorch':>9} | {'PT best':>9} | {'ratio':>6} | target")
    print(f"|{'-' * 48}|{'-' * 11}|{'-' * 11}|{'-' * 11}|{'-' * 8}|{'-' * 30}")
    for name, j, p, target, need in rows:
        same, best = torch_figure(p)
        ratio = m[j] / best
        mark = "" if need is None else ("  ok" if ratio >= need else "  MISSED")
        print(f"| {name:46} | {m[j]:9.1f} | {same:9.1f} | {best:9.1f} | {ratio:6.2f} | {target}{mark}")
    print(f"\ndecode F32 {m['decode_f32_java']:.1f} tokens/s (target >= 250); Q8_0/F32 = "
          f"{m['decode_q8_java'] / m['decode_f32_java']:.2f} (target >= 2); heap bytes per decoded token: "
          f"F32 {m['bytes_per_token_java']:.1f}, Q8_0 {m['bytes_per_token_q8_java']:.1f} (target ~0)")
    if not args.skip_train:
        print(f"peak RSS: tiny-world Java {m['train_tiny_java_rss'] / 1e9:.2f} GB / PyTorch {m['train_tiny_torch_rss'] / 1e9:.2f} GB;"
              f" qwen2.5-0.5b-4l Java {m['train_qwen4l_java_rss'] / 1e9:.2f} GB / PyTorch {m['train_qwen4l_torch_rss'] / 1e9:.2f} GB")
    if args.memory:
        print(f"qwen2.5-0.5b (24 layers) LoRA r=32, 1x512, checkpointing: peak RSS {m['memory_05b_rss'] / 1e9:.2f} GB"
              f" (target < 3 GB), {m['memory_05b_tokens']:.1f} tokens/s")


if __name__ == "__main__":
    main()
