// Greedy decoding in llama.cpp (the prebuilt library of @node-llama-cpp/linux-x64), for GgufExportLlamaCppTest.
//   node greedy.mjs REQUESTS.json
// REQUESTS: [{"model": "x.gguf", "text": "...", "prompt_ids": [...], "tokens": N}, ...]. Prints one JSON line each:
//   {"text_ids": llama.cpp's tokens of text (nothing added, special tokens not parsed),
//    "token_ids": the N tokens llama.cpp picks greedily after prompt_ids (end-of-generation tokens included)}
import {readFile} from "node:fs/promises";
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const requests = JSON.parse(await readFile(process.argv[2], "utf8"));
const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.error});
for (const request of requests) {
    const model = await llama.loadModel({modelPath: request.model});
    const textIds = Array.from(model.tokenize(request.text, false));
    const context = await model.createContext({contextSize: request.prompt_ids.length + request.tokens + 16, threads: 1});
    const tokenIds = [];
    for await (const token of context.getSequence().evaluate(request.prompt_ids, {temperature: 0})) {
        tokenIds.push(token);
        if (tokenIds.length === request.tokens) {
            break;
        }
    }
    console.log(JSON.stringify({text_ids: textIds, token_ids: tokenIds}));
    await context.dispose();
    await model.dispose();
}
await llama.dispose();
