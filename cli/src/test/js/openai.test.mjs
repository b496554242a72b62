// The official openai package against a live `seal serve` (SEAL_URL, SEAL_TOKEN; run by ServeClientsTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const url = process.env.SEAL_URL;
const client = new OpenAI({ baseURL: url + '/v1', apiKey: 'chat-is-open', maxRetries: 0 });
const admin = new OpenAI({ baseURL: url + '/v1', apiKey: process.env.SEAL_TOKEN, maxRetries: 0 });
const hello = [{ role: 'user', content: 'hello' }];

async function currentModel() {
  const page = await client.models.list();
  return page.data[0].id;
}

test('models.list puts the current version first', async () => {
  const page = await client.models.list();
  assert.ok(page.data.length >= 1);
  assert.match(page.data[0].id, /^tiny@v\d+$/);
  assert.equal(page.data[0].object, 'model');
  const one = await client.models.retrieve(page.data[0].id);
  assert.equal(one.id, page.data[0].id);
});

test('chat.completions.create answers in the OpenAI shape', async () => {
  const model = await currentModel();
  const r = await client.chat.completions.create({ model, messages: hello, max_tokens: 8, temperature: 0 });
  assert.equal(r.object, 'chat.completion');
  assert.equal(r.model, model);
  assert.equal(r.choices[0].message.role, 'assistant');
  assert.equal(typeof r.choices[0].message.content, 'string');
  assert.ok(['stop', 'length'].includes(r.choices[0].finish_reason));
  assert.equal(r.usage.total_tokens, r.usage.prompt_tokens + r.usage.completion_tokens);
});

test('streaming gives the same text as a whole answer, and usage at the end', async () => {
  const model = await currentModel();
  const whole = await client.chat.completions.create({ model, messages: hello, max_tokens: 8, temperature: 0 });
  const stream = await client.chat.completions.create({
    model, messages: hello, max_tokens: 8, temperature: 0, stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let usage = null;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.choices.length) text += chunk.choices[0].delta.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, whole.choices[0].message.content);
  assert.equal(usage.completion_tokens, whole.usage.completion_tokens);
});

test('completions.create takes a prompt', async () => {
  const r = await client.completions.create({ model: await currentModel(), prompt: 'Once', max_tokens: 4, temperature: 0 });
  assert.equal(r.object, 'text_completion');
  assert.equal(typeof r.choices[0].text, 'string');
});

test('errors arrive as the SDK error classes with the server message', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'gpt-nothing', messages: hello }),
    e => e instanceof OpenAI.NotFoundError && /does not exist/.test(e.message));
  await assert.rejects(client.chat.completions.create({ model: await currentModel(), messages: hello, max_tokens: 100000 }),
    e => e instanceof OpenAI.BadRequestError && e.param === 'max_tokens');
  await assert.rejects(client.post('/documents', { body: { text: 'x' } }),
    e => e instanceof OpenAI.AuthenticationError);
});

test('a document sent with the token is queued', async () => {
  const r = await admin.post('/documents', { body: { title: 'Nia Voss', text: 'Nia Voss was born in Velora.' } });
  assert.equal(r.status, 'queued');
  assert.match(r.id, /^in-/);
});
