/*
 * llama.cpp's side of bench/llama/compare.py: prefill and greedy decode throughput of one GGUF file, timed the
 * way `seal bench infer --model X.gguf` times seal4j (prefill: one batch of P random tokens, only the last
 * row's logits; decode: D tokens one at a time after a Q-token prompt, each the argmax of the last logits;
 * W untimed runs, then R timed ones; medians). Prints one JSON line.
 *
 *   driver MODEL.gguf THREADS PREFILL PROMPT DECODE WARMUP RUNS SEED
 *
 * Links against the prebuilt libllama of the npm package @node-llama-cpp/linux-x64, which ships no
 * headers: this file declares the few entry points it calls. The parameter structs are passed through
 * as llama.cpp's own defaults (returned and taken by value, so a buffer at least as large as the real
 * struct is all the caller needs), except n_ctx, the struct's first field; threads are set with
 * llama_set_n_threads. BACKEND_DIR (set by install.sh) is the package's library folder.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Opaque by-value parameter blocks, larger than any version's struct. */
typedef struct { _Alignas(8) unsigned char bytes[1024]; } params_block;
typedef struct { _Alignas(8) unsigned char bytes[256]; } batch_block;

void ggml_backend_load_all_from_path(const char *dir);
void llama_backend_init(void);
void llama_log_set(void (*callback)(int level, const char *text, void *user), void *user);
params_block llama_model_default_params(void);
params_block llama_context_default_params(void);
void *llama_model_load_from_file(const char *path, params_block params);
void *llama_init_from_model(void *model, params_block params);
void llama_set_n_threads(void *ctx, int32_t n_threads, int32_t n_threads_batch);
const void *llama_model_get_vocab(const void *model);
int32_t llama_vocab_n_tokens(const void *vocab);
batch_block llama_batch_get_one(int32_t *tokens, int32_t n_tokens);
int32_t llama_decode(void *ctx, batch_block batch);
float *llama_get_logits_ith(void *ctx, int32_t i);
void *llama_get_memory(const void *ctx);
void llama_memory_clear(void *memory, bool data);
void llama_free(void *ctx);
void llama_model_free(void *model);

static void quiet(int level, const char *text, void *user) {
    (void) user;
    if (level == 4 /* GGML_LOG_LEVEL_ERROR */) {
        fputs(text, stderr);
    }
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, n, sizeof *v, compare_doubles);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void decode_or_die(void *ctx, int32_t *tokens, int32_t n) {
    int32_t rc = llama_decode(ctx, llama_batch_get_one(tokens, n));
    if (rc != 0) {
        fprintf(stderr, "driver: llama_decode of %d tokens failed (%d)\n", n, rc);
        exit(1);
    }
}

static int32_t argmax(const float *x, int32_t n) {
    int32_t best = 0;
    for (int32_t i = 1; i < n; i++) {
        if (x[i] > x[best]) {
            best = i;
        }
    }
    return best;
}

int main(int argc, char **argv) {
    if (argc != 9) {
        fprintf(stderr, "usage: driver MODEL.gguf THREADS PREFILL PROMPT DECODE WARMUP RUNS SEED\n");
        return 2;
    }
    const char *path = argv[1];
    int threads = atoi(argv[2]), prefill = atoi(argv[3]), prompt = atoi(argv[4]), decode = atoi(argv[5]);
    int warmup = atoi(argv[6]), runs = atoi(argv[7]);
    unsigned seed = (unsigned) strtoul(argv[8], NULL, 10);
    if (threads < 1 || prefill < 1 || prompt < 1 || decode < 1 || warmup < 0 || runs < 1) {
        fprintf(stderr, "driver: THREADS, PREFILL, PROMPT, DECODE and RUNS must be at least 1, WARMUP at least 0\n");
        return 2;
    }
    llama_log_set(quiet, NULL);
    ggml_backend_load_all_from_path(BACKEND_DIR); /* the package's CPU backends, one per instruction set */
    llama_backend_init();
    void *model = llama_model_load_from_file(path, llama_model_default_params());
    if (model == NULL) {
        fprintf(stderr, "driver: llama.cpp could not load %s\n", path);
        return 1;
    }
    params_block cp = llama_context_default_params();
    uint32_t n_ctx = (uint32_t) (prefill > prompt + decode ? prefill : prompt + decode);
    n_ctx = (n_ctx + 255) / 256 * 256;
    memcpy(cp.bytes, &n_ctx, sizeof n_ctx); /* llama_context_params.n_ctx, the first field */
    void *ctx = llama_init_from_model(model, cp);
    if (ctx == NULL) {
        fprintf(stderr, "driver: llama.cpp could not create a context for %s\n", path);
        return 1;
    }
    llama_set_n_threads(ctx, threads, threads);
    int32_t vocab = llama_vocab_n_tokens(llama_model_get_vocab(model));

    srand(seed);
    int32_t *tokens = malloc(sizeof(int32_t) * (size_t) (prefill > prompt ? prefill : prompt));
    double *prefill_s = malloc(sizeof(double) * (size_t) runs), *decode_s = malloc(sizeof(double) * (size_t) runs);
    for (int r = 0; r < warmup + runs; r++) {
        for (int i = 0; i < prefill; i++) {
            tokens[i] = rand() % vocab;
        }
        llama_memory_clear(llama_get_memory(ctx), true);
        double t0 = now();
        decode_or_die(ctx, tokens, prefill);
        double t1 = now();
        if (r >= warmup) {
            prefill_s[r - warmup] = t1 - t0;
        }
    }
    for (int r = 0; r < warmup + runs; r++) {
        for (int i = 0; i < prompt; i++) {
            tokens[i] = rand() % vocab;
        }
        llama_memory_clear(llama_get_memory(ctx), true);
        decode_or_die(ctx, tokens, prompt);
        double t0 = now();
        for (int i = 0; i < decode; i++) {
            int32_t next = argmax(llama_get_logits_ith(ctx, -1), vocab);
            decode_or_die(ctx, &next, 1);
        }
        double t1 = now();
        if (r >= warmup) {
            decode_s[r - warmup] = t1 - t0;
        }
    }
    printf("{\"engine\": \"llama.cpp\", \"model\": \"%s\", \"threads\": %d, \"prefill_tokens\": %d, \"decode_tokens\": %d, "
           "\"prefill_tokens_per_second\": %.2f, \"decode_tokens_per_second\": %.2f}\n",
           path, threads, prefill, decode, prefill / median(prefill_s, runs), decode / median(decode_s, runs));
    llama_free(ctx);
    llama_model_free(model);
    return 0;
}
