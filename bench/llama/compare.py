#!/usr/bin/python3
"""seal4j against llama.cpp on the same GGUF files: prefill (256 tokens, one batch) and greedy decode (128
tokens after a 32-token prompt), 1 and 2 threads, engines alternating, and the seal4j / llama.cpp ratios.

    bench/llama/compare.py [--rounds 3] [--threads 1,2] [--models stories15m-f32,...] [--json-out FILE]

llama.cpp is the prebuilt library of the npm package @node-llama-cpp/linux-x64 (bench/llama/install.sh
installs it and compiles bench/llama/driver.c against it); the GGUF files come from
bench/llama/make_models.py (written when missing). Each round runs every (model, threads) pair once per
engine, the engine that goes first alternating between rounds; each run is itself the median of 5 timed
runs after 2 untimed ones, and the table shows the median over rounds. seal4j's decode also reports the heap
bytes it allocated per decoded token in its last timed run (the largest over rounds). The load average before and after is printed: llama.cpp's spinning
threads collapse when its 2 threads do not get 2 cores, so take 2-thread figures on a quiet machine.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "work" / "bench-models"
ALL_MODELS = ["stories15m-f32", "stories15m-q8_0", "tiny-world-f32", "tiny-world-q8_0", "tiny-world-q4_k"]
PREFILL, PROMPT, DECODE, WARMUP, RUNS, SEED = 256, 32, 128, 2, 5, 1


def run_json(cmd):
    out = subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True).stdout
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


def seal(model, threads):
    r = run_json([ROOT / "seal", "bench", "infer", "--model", model, "--threads", threads, "--skip-matmul",
                  "--prefill", PREFILL, "--prompt", PROMPT, "--tokens", DECODE, "--warmup", WARMUP, "--runs", RUNS,
                  "--seed", SEED, "--json"])["result"]
    return r["prefill_tokens_per_second"], r["decode_tokens_per_second"], r["decode_bytes_per_token_last_run"]


def llama(driver, model, threads):
    r = run_json([driver, model, threads, PREFILL, PROMPT, DECODE, WARMUP, RUNS, SEED])
    return r["prefill_tokens_per_second"], r["decode_tokens_per_second"]


def load():
    return os.getloadavg()[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--models", default=",".join(ALL_MODELS))
    ap.add_argument("--json-out", type=Path)
    args = ap.parse_args()
    models = args.models.split(",")
    threads = [int(t) for t in args.threads.split(",")]
    driver = subprocess.run([ROOT / "bench" / "llama" / "install.sh"], check=True, capture_output=True,
                            text=True).stdout.strip()
    if any(not (MODELS / f"{m}.gguf").exists() for m in models):
        subprocess.run(["/usr/bin/python3", ROOT / "bench" / "llama" / "make_models.py", "--out", MODELS], check=True)
    subprocess.run([ROOT / "seal", "--version"], check=True, capture_output=True)  # builds the CLI when stale

    loads = [load()]
    results = {(m, t): {"seal": [], "llama": [], "bytes": []} for m in models for t in threads}
    for r in range(args.rounds):
        for m in models:
            path = MODELS / f"{m}.gguf"
            for t in threads:
                cell = results[(m, t)]
                for engine in (("seal", "llama") if r % 2 == 0 else ("llama", "seal")):
                    if engine == "seal":
                        prefill, decode, garbage = seal(path, t)
                        cell["seal"].append((prefill, decode))
                        cell["bytes"].append(garbage)
                    else:
                        cell["llama"].append(llama(driver, path, t))
                print(f"round {r + 1}: {m} {t}t seal {cell['seal'][-1][0]:.0f}/{cell['seal'][-1][1]:.0f} "
                      f"llama.cpp {cell['llama'][-1][0]:.0f}/{cell['llama'][-1][1]:.0f} tokens/s (load {load():.1f})",
                      file=sys.stderr, flush=True)
        loads.append(load())

    rows = []
    print(f"| model, threads | llama.cpp prefill / decode tokens/s | seal4j prefill / decode | ratio prefill / decode "
          f"| seal4j heap bytes per decoded token (last run) |")
    print("|---|---:|---:|---:|---:|")
    for (m, t), cell in results.items():
        lp = statistics.median(x[0] for x in cell["llama"])
        ld = statistics.median(x[1] for x in cell["llama"])
        sp = statistics.median(x[0] for x in cell["seal"])
        sd = statistics.median(x[1] for x in cell["seal"])
        garbage = max(cell["bytes"])
        rows.append({"model": m, "threads": t, "llama_prefill": lp, "llama_decode": ld, "seal_prefill": sp,
                     "seal_decode": sd, "prefill_ratio": sp / lp, "decode_ratio": sd / ld,
                     "seal_decode_bytes_per_token_max": garbage, "runs": cell})
        print(f"| {m}, {t} | {lp:.0f} / {ld:.0f} | {sp:.0f} / {sd:.0f} | {sp / lp:.2f} / {sd / ld:.2f} | {garbage:.1f} |")
    print(f"load average (1 min) before and after each round: {', '.join(f'{x:.1f}' for x in loads)}")
    if args.json_out:
        args.json_out.write_text(json.dumps({"rows": rows, "load_averages": loads}, indent=1) + "\n")


if __name__ == "__main__":
    main()
