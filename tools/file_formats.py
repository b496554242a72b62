"""Minimal writers and readers for the checkpoint formats seal4j loads, written from the format specs:

- safetensors (read and write): u64 little-endian header length N, N bytes of JSON {name: {dtype, shape, data_offsets}},
  then the raw little-endian tensor data (offsets are relative to the first byte after the header).
- sharded Hugging Face checkpoints: model-0000i-of-0000n.safetensors + model.safetensors.index.json.
- GGUF v3: magic "GGUF", u32 version, u64 tensor count, u64 metadata count, metadata key/values,
  tensor infos (name, n_dims, ne[] innermost first, ggml type, offset), padding to the alignment, data.
- llama2.c's legacy checkpoint (.bin) and tokenizer (tokenizer.bin) formats (read only).
"""
from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import torch

from reference_model import Config, PAIRS

# ------------------------------------------------------------------------------------------ safetensors

SAFETENSORS_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}


def tensor_bytes(t: torch.Tensor) -> bytes:
    """Little-endian bytes of a float32/float16/bfloat16 tensor, row-major."""
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: its bits are the top half of a float32
        return (t.float().numpy().view(np.uint32) >> 16).astype("<u2").tobytes()
    if t.dtype == torch.float16:
        return t.numpy().astype("<f2").tobytes()
    if t.dtype == torch.float32:
        return t.numpy().astype("<f4").tobytes()
    raise ValueError(f"unsupported dtype {t.dtype}")


def write_safetensors(path: Path, tensors: dict[str, torch.Tensor], metadata: dict | None = None) -> int:
    """Writes tensors (sorted by name) to path; returns the number of tensor data bytes."""
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        data = tensor_bytes(tensors[name])
        header[name] = {"dtype": SAFETENSORS_DTYPES[tensors[name].dtype], "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the safetensors library pads the header to 8 bytes with spaces
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    return offset


def write_sharded_safetensors(directory: Path, tensors: dict[str, torch.Tensor], shards: list[list[str]]):
    """Writes the named groups of tensors as model-0000i-of-0000n.safetensors plus the index file
    Hugging Face writes next to them: {"metadata": {"total_size": bytes}, "weight_map": {name: file}}."""
    weight_map, total = {}, 0
    for i, names in enumerate(shards):
        file = f"model-{i + 1:05d}-of-{len(shards):05d}.safetensors"
        total += write_safetensors(directory / file, {n: tensors[n] for n in names}, {"format": "pt"})
        weight_map.update({n: file for n in names})
    index = {"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}
    (directory / "model.safetensors.index.json").write_text(json.dumps(index, indent=2) + "\n")


def read_safetensors(path: Path) -> dict[str, torch.Tensor]:
    """Reads every tensor of a safetensors file (F32, F16 or BF16) in its stored dtype."""
    raw = Path(path).read_bytes()
    (n,) = struct.unpack_from("<Q", raw, 0)
    header = json.loads(raw[8:8 + n])
    header.pop("__metadata__", None)
    out = {}
    for name, info in header.items():
        start, end = (8 + n + o for o in info["data_offsets"])
        data = np.frombuffer(raw[start:end], dtype={"F32": "<f4", "F16": "<f2", "BF16": "<u2"}[info["dtype"]])
        if info["dtype"] == "BF16":  # widen the bits to float32 exactly, then narrow (exact) to bfloat16
            t = torch.from_numpy((data.astype(np.uint32) << 16).view(np.float32).copy()).to(torch.bfloat16)
        else:
            t = torch.from_numpy(data.copy())
        out[name] = t.reshape(info["shape"])
    return out


def read_hf_dir(directory: Path) -> tuple[dict, dict[str, torch.Tensor]]:
    """config.json and all tensors of a Hugging Face model directory (single file or sharded with index)."""
    directory = Path(directory)
    config = json.loads((directory / "config.json").read_text())
    index = directory / "model.safetensors.index.json"
    files = sorted(set(json.loads(index.read_text())["weight_map"].values())) if index.exists() \
        else ["model.safetensors"]
    tensors = {}
    for file in files:
        tensors.update(read_safetensors(directory / file))
    return config, tensors


# --------------------------------------------------------------------------------------------- GGUF

GGUF_UINT8, GGUF_INT8, GGUF_UINT16, GGUF_INT16, GGUF_UINT32, GGUF_INT32 = 0, 1, 2, 3, 4, 5
GGUF_FLOAT32, GGUF_BOOL, GGUF_STRING, GGUF_ARRAY, GGUF_UINT64, GGUF_INT64, GGUF_FLOAT64 = 6, 7, 8, 9, 10, 11, 12
GGML_TYPES = {"F32": 0, "F16": 1, "Q4_0": 2, "Q8_0": 8, "Q4_K": 12, "Q6_K": 14, "BF16": 30}
_SCALARS = {GGUF_UINT8: "<B", GGUF_INT8: "<b", GGUF_UINT16: "<H", GGUF_INT16: "<h", GGUF_UINT32: "<I",
            GGUF_INT32: "<i", GGUF_FLOAT32: "<f", GGUF_BOOL: "<?", GGUF_UINT64: "<Q", GGUF_INT64: "<q",
            GGUF_FLOAT64: "<d"}


def _gguf_string(s: str) -> bytes:
    data = s.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def _gguf_value(vtype: int, value) -> bytes:
    if vtype == GGUF_STRING:
        return _gguf_string(value)
    if vtype == GGUF_ARRAY:
        elem_type, items = value
        return struct.pack("<IQ", elem_type, len(items)) + b"".join(_gguf_value(elem_type, v) for v in items)
    return struct.pack(_SCALARS[vtype], value)


def write_gguf(path: Path, metadata: list[tuple[str, int, object]], tensors: list[tuple[str, list[int], str, bytes]],
               alignment: int = 32):
    """Writes a GGUF v3 file.

    metadata: (key, gguf value type, value) in file order; arrays as (GGUF_ARRAY, (element type, items)).
    tensors: (name, ne innermost-first, ggml type name, raw data bytes) in file order.
    alignment: general.alignment (must also appear in metadata if not 32)."""
    out = bytearray(b"GGUF")
    out += struct.pack("<IQQ", 3, len(tensors), len(metadata))
    for key, vtype, value in metadata:
        out += _gguf_string(key) + struct.pack("<I", vtype) + _gguf_value(vtype, value)
    offset = 0
    for name, ne, type_name, data in tensors:
        out += _gguf_string(name) + struct.pack("<I", len(ne)) + b"".join(struct.pack("<Q", n) for n in ne)
        out += struct.pack("<IQ", GGML_TYPES[type_name], offset)
        offset += len(data) + (-len(data) % alignment)
    out += b"\0" * (-len(out) % alignment)
    for _, _, _, data in tensors:
        out += data + b"\0" * (-len(data) % alignment)
    Path(path).write_bytes(bytes(out))


# ------------------------------------------------------------------------------------------- llama2.c

def read_llama2c(path: Path) -> tuple[Config, dict[str, torch.Tensor]]:
    """Reads a llama2.c legacy checkpoint (run.c's layout) into Hugging Face tensor names, keeping
    llama2.c's row order of wq/wk (adjacent-pairs RoPE: the returned Config has rope_style PAIRS).

    Header: 7 int32 dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size (negative: separate
    classifier), seq_len. Then float32: token_embedding (vocab, dim), rms_att (L, dim), wq (L, dim, dim),
    wk (L, kv_dim, dim), wv (L, kv_dim, dim), wo (L, dim, dim), rms_ffn (L, dim), w1 (L, hidden, dim),
    w2 (L, dim, hidden), w3 (L, hidden, dim), rms_final (dim), freq_cis_real and freq_cis_imag
    (seq_len, head_size/2) each (unused), then wcls (vocab, dim) if not shared."""
    raw = Path(path).read_bytes()
    dim, hidden, n_layers, n_heads, n_kv_heads, vocab, seq_len = struct.unpack("<7i", raw[:28])
    shared = vocab > 0
    vocab = abs(vocab)
    head_size = dim // n_heads
    kv_dim = n_kv_heads * head_size
    floats = np.frombuffer(raw, dtype="<f4", offset=28)
    pos = 0

    def take(*shape):
        nonlocal pos
        n = int(np.prod(shape))
        t = torch.from_numpy(floats[pos:pos + n].copy()).reshape(shape)
        pos += n
        return t

    emb = take(vocab, dim)
    rms_att, wq, wk = take(n_layers, dim), take(n_layers, dim, dim), take(n_layers, kv_dim, dim)
    wv, wo, rms_ffn = take(n_layers, kv_dim, dim), take(n_layers, dim, dim), take(n_layers, dim)
    w1, w2, w3 = take(n_layers, hidden, dim), take(n_layers, dim, hidden), take(n_layers, hidden, dim)
    rms_final = take(dim)
    take(seq_len, head_size // 2)
    take(seq_len, head_size // 2)
    params = {"model.embed_tokens.weight": emb, "model.norm.weight": rms_final}
    if not shared:
        params["lm_head.weight"] = take(vocab, dim)
    if pos != floats.size:
        raise ValueError(f"{path}: {floats.size - pos} floats left over after the weights")
    for i in range(n_layers):
        p = f"model.layers.{i}."
        params.update({
            p + "input_layernorm.weight": rms_att[i], p + "post_attention_layernorm.weight": rms_ffn[i],
            p + "self_attn.q_proj.weight": wq[i], p + "self_attn.k_proj.weight": wk[i],
            p + "self_attn.v_proj.weight": wv[i], p + "self_attn.o_proj.weight": wo[i],
            p + "mlp.gate_proj.weight": w1[i], p + "mlp.down_proj.weight": w2[i], p + "mlp.up_proj.weight": w3[i],
        })
    cfg = Config(hidden_size=dim, intermediate_size=hidden, num_layers=n_layers, num_heads=n_heads,
                 num_kv_heads=n_kv_heads, head_dim=head_size, vocab_size=vocab, rms_norm_eps=1e-5,
                 rope_theta=10000.0, tie_word_embeddings=shared, rope_style=PAIRS)
    return cfg, params


def read_llama2c_tokenizer(path: Path, vocab_size: int) -> list[bytes]:
    """Token pieces of a llama2.c tokenizer.bin: int32 max_token_length, then per token float32 score,
    int32 length, that many bytes."""
    raw = Path(path).read_bytes()
    pos, pieces = 4, []
    for _ in range(vocab_size):
        _score, n = struct.unpack_from("<fi", raw, pos)
        pos += 8
        pieces.append(raw[pos:pos + n])
        pos += n
    return pieces


def llama2c_decode(pieces: list[bytes], ids: list[int], prev: int) -> str:
    """Text of ids as run.c prints it: a piece after BOS (1) loses its leading space, and pieces
    '<0xXX>' stand for the raw byte XX."""
    out = bytearray()
    for token in ids:
        piece = pieces[token]
        if prev == 1 and piece.startswith(b" "):
            piece = piece[1:]
        if len(piece) == 6 and piece.startswith(b"<0x") and piece.endswith(b">"):
            piece = bytes([int(piece[3:5], 16)])
        out += piece
        prev = token
    return out.decode("utf-8", errors="replace")
