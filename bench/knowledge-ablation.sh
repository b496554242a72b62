#!/usr/bin/env bash
# The ReST-EM ablation on the built-in world (issue 11): which recipe makes the reward's selection teach the
# generator something, measured on SEAL-training people only — ReST-EM learns from the first 200 training
# people, and recipes are compared on 40 training people it never sees. Fresh evaluation people are used
# only once, by `seal demo --eval-seed S`, after the recipe is chosen.
#
#   bench/knowledge-ablation.sh OUT [RECIPE[@SEED] ...]     (default: every recipe, training seed 0)
#
# Each recipe is a `seal knowledge` run in OUT/RECIPE-sSEED with the methods base_self_edits, seal and the
# no_selection control, so every table row has its own control. Recipes:
#   k5        the demo's recipe: 5 self-edits per context, best of 5, 2 rounds
#   k10, k20  more samples per context
#   k5r3      each self-edit applied 3 times (less reward noise)
#   advantage every self-edit above its context's mean reward
#   improve   the best of 5, only where it beats the unadapted model
#   perline   the best reward per line
#   k5x4      4 rounds
#   replay6, replay8   the demo's recipe with more replayed biographies (leakage)
# Set SEAL to another launcher or a pinned jar's wrapper to run a fixed build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seal="${SEAL:-$here/seal}"
out="${1:?usage: bench/knowledge-ablation.sh OUT [RECIPE[@SEED] ...]}"
shift
recipes=("$@")
if [ ${#recipes[@]} -eq 0 ]; then
  recipes=(k5 advantage improve perline k10 k5r3 k20 k5x4 replay6 replay8)
fi
model="$here/models/tiny-world"
mkdir -p "$out"
[ -f "$out/rounds.json" ] || "$seal" world export --model "$model" --split train --limit 200 --out "$out/rounds.json"
[ -f "$out/tune.json" ] || "$seal" world export --model "$model" --split train --skip 200 --limit 40 --out "$out/tune.json"
[ -f "$out/replay.json" ] || "$seal" world export --model "$model" --split pretrain --out "$out/replay.json"

recipe() { # sets the recipe's samples, repeats, rounds, selection and replay (the demo's unless named)
  samples=5 repeats=1 rounds=2 selection=best replay=4
  case "$1" in
    k5) ;;
    k10) samples=10 ;;
    k20) samples=20 ;;
    k5r3) repeats=3 ;;
    advantage) selection=advantage ;;
    improve) selection=improvements ;;
    perline) selection=per-line ;;
    k5x4) rounds=4 ;;
    replay6) replay=6 ;;
    replay8) replay=8 ;;
    *) echo "unknown recipe $1" >&2; exit 2 ;;
  esac
}

for r in "${recipes[@]}"; do
  name="${r%@*}"
  seed=0
  [ "$r" != "$name" ] && seed="${r#*@}"
  dir="$out/$name-s$seed"
  [ -f "$dir/results.json" ] && continue
  recipe "$name"
  start=$(date +%s)
  if [ -d "$dir" ]; then
    "$seal" runs resume "$dir" --workers 2 > "$dir.out"
  else
    "$seal" knowledge --model "$model" --data "$out/tune.json" --train-data "$out/rounds.json" --replay-data "$out/replay.json" \
      --out "$dir" --methods base_self_edits,seal,no_selection --eval-passages 40 --contexts 32 --rounds "$rounds" \
      --samples "$samples" --repeats "$repeats" --selection "$selection" --self-edit-tokens 320 --lora-rank 16 --lora-alpha 32 --targets q_proj,v_proj,o_proj,gate_proj,up_proj,down_proj \
      --lr 1e-3 --epochs 10 --answer-tokens 16 --append-eos --replay "$replay" --generator-rank 16 --generator-alpha 32 \
      --generator-lr 1e-3 --no-generator-eos --workers 2 --seed "$seed" > "$dir.out"
  fi
  echo "$name seed $seed: $(( ($(date +%s) - start) / 60 )) min" | tee -a "$out/times.txt"
done
