"""ggml block quantization in numpy: simple quantizers and independent dequantizers.

Byte layouts (ggml-common.h), all little-endian, one block after another along each row:
  Q8_0  32 values, 34 bytes:  f16 d | int8 qs[32]                       x = d * qs[j]
  Q4_0  32 values, 18 bytes:  f16 d | u8 qs[16]                         x[j] = d * ((qs[j] & 15) - 8),
                                                                        x[j+16] = d * ((qs[j] >> 4) - 8)
  Q4_K 256 values, 144 bytes: f16 d | f16 dmin | u8 scales[12] | u8 qs[128]
        8 sub-blocks of 32 with 6-bit scale sc_s and 6-bit min m_s packed in scales[12]:
          s < 4: sc = scales[s] & 63,  m = scales[s+4] & 63
          s >= 4: sc = (scales[s+4] & 15) | ((scales[s-4] >> 6) << 4), m = (scales[s+4] >> 4) | ((scales[s] >> 6) << 4)
        values 64c..64c+31 are the low nibbles of qs[32c..32c+31] (sub-block 2c), values 64c+32..64c+63
        the high nibbles (sub-block 2c+1);  x = d * sc_s * q - dmin * m_s
  Q6_K 256 values, 210 bytes: u8 ql[128] | u8 qh[64] | int8 scales[16] | f16 d
        per half n (128 values; ql += 64n, qh += 32n, scales += 8n), l in 0..31, is = l / 16:
          q1 = (ql[l] & 15)    | ((qh[l] >> 0 & 3) << 4)   -> x[l]      = d * scales[is]     * (q1 - 32)
          q2 = (ql[l+32] & 15) | ((qh[l] >> 2 & 3) << 4)   -> x[l + 32] = d * scales[is + 2] * (q2 - 32)
          q3 = (ql[l] >> 4)    | ((qh[l] >> 4 & 3) << 4)   -> x[l + 64] = d * scales[is + 4] * (q3 - 32)
          q4 = (ql[l+32] >> 4) | ((qh[l] >> 6 & 3) << 4)   -> x[l + 96] = d * scales[is + 6] * (q4 - 32)

The quantizers aim for valid blocks that use every field (not for ggml's optimal error); the
dequantizers follow ggml's dequantize_row_* loops and are what the reference logits are computed from.
"""
from __future__ import annotations

import numpy as np

BLOCK = {"Q8_0": (32, 34), "Q4_0": (32, 18), "Q4_K": (256, 144), "Q6_K": (256, 210)}


def _f16(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float32).astype(np.float16)


def _blocks(x: np.ndarray, size: int) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32).reshape(-1)
    if x.size % size:
        raise ValueError(f"{x.size} values are not a whole number of {size}-value blocks")
    return x.reshape(-1, size)


# ------------------------------------------------------------------------------------------ quantize

def quantize_q8_0(x) -> bytes:
    xb = _blocks(x, 32)
    d = _f16(np.abs(xb).max(axis=1) / 127)
    inv = np.divide(1.0, d.astype(np.float32), out=np.zeros(len(xb), np.float32), where=d != 0)
    q = np.clip(np.round(xb * inv[:, None]), -127, 127).astype(np.int8)
    out = np.zeros((len(xb), 34), np.uint8)
    out[:, 0:2] = d.view(np.uint8).reshape(-1, 2)
    out[:, 2:] = q.view(np.uint8)
    return out.tobytes()


def quantize_q4_0(x) -> bytes:
    xb = _blocks(x, 32)
    signed_max = xb[np.arange(len(xb)), np.abs(xb).argmax(axis=1)]
    d = _f16(signed_max / -8)  # ggml: the largest-magnitude value maps to q = 0, i.e. -8 * d
    inv = np.divide(1.0, d.astype(np.float32), out=np.zeros(len(xb), np.float32), where=d != 0)
    q = np.clip(np.floor(xb * inv[:, None] + 8.5), 0, 15).astype(np.uint8)
    out = np.zeros((len(xb), 18), np.uint8)
    out[:, 0:2] = d.view(np.uint8).reshape(-1, 2)
    out[:, 2:] = q[:, :16] | (q[:, 16:] << 4)
    return out.tobytes()


def quantize_q4_k(x) -> bytes:
    xb = _blocks(x, 256)
    out = np.zeros((len(xb), 144), np.uint8)
    for b, block in enumerate(xb):
        sub = block.reshape(8, 32)
        mins = np.minimum(sub.min(axis=1), 0.0)          # x = scale * q - min_s with q in 0..15
        scales = (sub.max(axis=1) - mins) / 15
        d = _f16(scales.max() / 63)
        dmin = _f16(-mins.min() / 63)
        sc = _quantize_6bit(scales, float(d))
        m = _quantize_6bit(-mins, float(dmin))
        step = float(d) * sc
        offset = float(dmin) * m
        q = np.divide(sub + offset[:, None], step[:, None], out=np.zeros_like(sub), where=step[:, None] != 0)
        q = np.clip(np.round(q), 0, 15).astype(np.uint8)
        packed = np.zeros(12, np.uint8)
        packed[0:4] = sc[0:4] | ((sc[4:8] >> 4) << 6)
        packed[4:8] = m[0:4] | ((m[4:8] >> 4) << 6)
        packed[8:12] = (sc[4:8] & 15) | ((m[4:8] & 15) << 4)
        qs = np.zeros(128, np.uint8)
        for c in range(4):
            qs[32 * c:32 * c + 32] = q[2 * c] | (q[2 * c + 1] << 4)
        out[b, 0:2] = d.reshape(1).view(np.uint8)
        out[b, 2:4] = dmin.reshape(1).view(np.uint8)
        out[b, 4:16] = packed
        out[b, 16:] = qs
    return out.tobytes()


def _quantize_6bit(values: np.ndarray, step: float) -> np.ndarray:
    if step == 0:
        return np.zeros(len(values), np.uint8)
    return np.clip(np.round(values / step), 0, 63).astype(np.uint8)


def quantize_q6_k(x) -> bytes:
    xb = _blocks(x, 256)
    out = np.zeros((len(xb), 210), np.uint8)
    for b, block in enumerate(xb):
        sub = block.reshape(16, 16)
        signed_max = sub[np.arange(16), np.abs(sub).argmax(axis=1)]
        scales = signed_max / -32  # like Q4_0: the largest-magnitude value maps to q - 32 = -32, so scale signs vary
        d = _f16(np.abs(scales).max() / 127)
        sc = (np.clip(np.round(scales / float(d)), -127, 127) if d != 0 else np.zeros(16)).astype(np.int8)
        step = float(d) * sc.astype(np.float32)
        q = np.divide(sub, step[:, None], out=np.zeros_like(sub), where=step[:, None] != 0)
        q = (np.clip(np.round(q), -32, 31) + 32).astype(np.uint8).reshape(256)
        ql, qh = np.zeros(128, np.uint8), np.zeros(64, np.uint8)
        for n in range(2):
            q1, q2, q3, q4 = (q[128 * n + 32 * k:128 * n + 32 * k + 32] for k in range(4))
            ql[64 * n:64 * n + 32] = (q1 & 15) | ((q3 & 15) << 4)
            ql[64 * n + 32:64 * n + 64] = (q2 & 15) | ((q4 & 15) << 4)
            qh[32 * n:32 * n + 32] = (q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6)
        out[b, 0:128] = ql
        out[b, 128:192] = qh
        out[b, 192:208] = sc.view(np.uint8)
        out[b, 208:210] = d.reshape(1).view(np.uint8)
    return out.tobytes()


QUANTIZERS = {"Q8_0": quantize_q8_0, "Q4_0": quantize_q4_0, "Q4_K": quantize_q4_k, "Q6_K": quantize_q6_k}


# ---------------------------------------------------------------------------------------- dequantize

def _half(b: np.ndarray) -> np.ndarray:
    """float32 value of little-endian f16 bytes (..., 2)."""
    return np.ascontiguousarray(b).view("<f2")[..., 0].astype(np.float32)


def dequantize_q8_0(data: bytes) -> np.ndarray:
    blk = np.frombuffer(data, np.uint8).reshape(-1, 34)
    d = _half(blk[:, 0:2])
    qs = blk[:, 2:].view(np.int8).astype(np.float32)
    return (d[:, None] * qs).reshape(-1)


def dequantize_q4_0(data: bytes) -> np.ndarray:
    blk = np.frombuffer(data, np.uint8).reshape(-1, 18)
    d = _half(blk[:, 0:2])
    qs = blk[:, 2:].astype(np.int32)
    y = np.empty((len(blk), 32), np.float32)
    y[:, :16] = ((qs & 0x0F) - 8) * d[:, None]
    y[:, 16:] = ((qs >> 4) - 8) * d[:, None]
    return y.reshape(-1)


def _scale_min_k4(j: int, q: np.ndarray) -> tuple[int, int]:
    if j < 4:
        return int(q[j] & 63), int(q[j + 4] & 63)
    return (int((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4)),
            int((q[j + 4] >> 4) | ((q[j] >> 6) << 4)))


def dequantize_q4_k(data: bytes) -> np.ndarray:
    blk = np.frombuffer(data, np.uint8).reshape(-1, 144)
    y = np.empty((len(blk), 256), np.float32)
    for i, b in enumerate(blk):
        d, dmin = _half(b[0:2]), _half(b[2:4])
        scales, qs = b[4:16], b[16:144]
        out, is_ = 0, 0
        for j in range(0, 256, 64):
            q = qs[j // 2:j // 2 + 32]
            sc, m = _scale_min_k4(is_, scales)
            d1, m1 = d * np.float32(sc), dmin * np.float32(m)
            sc, m = _scale_min_k4(is_ + 1, scales)
            d2, m2 = d * np.float32(sc), dmin * np.float32(m)
            y[i, out:out + 32] = d1 * (q & 0xF).astype(np.float32) - m1
            y[i, out + 32:out + 64] = d2 * (q >> 4).astype(np.float32) - m2
            out += 64
            is_ += 2
    return y.reshape(-1)


def dequantize_q6_k(data: bytes) -> np.ndarray:
    blk = np.frombuffer(data, np.uint8).reshape(-1, 210)
    y = np.empty((len(blk), 256), np.float32)
    for i, b in enumerate(blk):
        d = _half(b[208:210])
        for n in range(2):
            ql = b[64 * n:64 * n + 64].astype(np.int32)
            qh = b[128 + 32 * n:128 + 32 * n + 32].astype(np.int32)
            sc = b[192 + 8 * n:192 + 8 * n + 8].view(np.int8).astype(np.float32)
            for l in range(32):
                is_ = l // 16
                q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32
                q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32
                q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32
                q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32
                base = 128 * n
                y[i, base + l] = d * sc[is_] * np.float32(q1)
                y[i, base + l + 32] = d * sc[is_ + 2] * np.float32(q2)
                y[i, base + l + 64] = d * sc[is_ + 4] * np.float32(q3)
                y[i, base + l + 96] = d * sc[is_ + 6] * np.float32(q4)
    return y.reshape(-1)


DEQUANTIZERS = {"Q8_0": dequantize_q8_0, "Q4_0": dequantize_q4_0, "Q4_K": dequantize_q4_k, "Q6_K": dequantize_q6_k}
