// The seal4j dashboard: reads the /admin API with the bearer token and redraws every few seconds.
'use strict';

const REFRESH_MS = 3000;
let token = null;

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return e;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: Object.assign({ 'Authorization': 'Bearer ' + token }, body ? { 'Content-Type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) {
    const error = new Error(json.error ? json.error.message : response.statusText);
    error.status = response.status;
    throw error;
  }
  return json;
}

function pct(x) { return x === null || x === undefined ? '–' : (100 * x).toFixed(1) + '%'; }

function renderStatus(s, verification) {
  $('model').textContent = s.model;
  $('activity').textContent = s.activity;
  $('queued').textContent = s.queued;
  $('next-update').textContent = s.next_update_allowed;
  const v = $('verify');
  v.textContent = verification.ok ? `ledger verified (${verification.entries} entries)` : 'ledger does not verify: ' + verification.problems.join('; ');
  v.className = 'verify ' + (verification.ok ? 'ok' : 'bad');
}

function renderPending(updates) {
  const body = $('pending').tBodies[0];
  body.replaceChildren();
  $('pending-count').textContent = updates.pending.length ? `(${updates.pending.length})` : '';
  $('pending-empty').hidden = updates.pending.length > 0;
  for (const u of updates.pending) {
    const reason = el('input', { class: 'reason', size: 18, placeholder: 'reason' });
    const gates = el('td', { class: 'gates' }, ...u.gates.map(g => el('div', { class: g.passed ? 'pass' : 'fail' }, g.gate + ': ' + g.detail)));
    body.append(el('tr', { 'data-update-id': u.id },
      el('td', { class: 'mono' }, u.id),
      el('td', {}, u.title),
      el('td', {}, 'v' + u.parentVersion),
      gates,
      el('td', {}, el('details', {}, el('summary', {}, 'self-edit'), el('pre', {}, u.selfEdit))),
      el('td', {}, reason, ' ',
        el('button', { class: 'approve', onclick: () => decide(u.id, 'approve', reason.value) }, 'Approve'), ' ',
        el('button', { class: 'reject', onclick: () => decide(u.id, 'reject', reason.value) }, 'Reject'))));
  }
}

async function decide(id, action, reason) {
  const by = $('by').value.trim();
  $('action-error').textContent = '';
  if (!by) { $('action-error').textContent = 'Type your name first: every decision is recorded with who made it.'; return; }
  localStorage.setItem('seal4j.by', by);
  try {
    await api('POST', `/admin/updates/${encodeURIComponent(id)}/${action}`, { by, reason });
  } catch (e) {
    $('action-error').textContent = `${action} ${id}: ${e.message}`;
  }
  refresh();
}

async function rollback(version) {
  const by = $('by').value.trim();
  if (!by) { $('action-error').textContent = 'Type your name first: every rollback is recorded with who made it.'; return; }
  try {
    await api('POST', '/admin/rollback', { version, by, reason: 'rollback from the dashboard' });
  } catch (e) {
    $('action-error').textContent = `rollback to v${version}: ${e.message}`;
  }
  refresh();
}

function renderVersions(versions) {
  const body = $('versions').tBodies[0];
  body.replaceChildren();
  for (const v of versions.slice().reverse()) {
    body.append(el('tr', { 'data-version': v.version, class: v.current ? 'current' : '' },
      el('td', {}, v.current ? '●' : ''),
      el('td', {}, v.model),
      el('td', {}, v.parent === null ? '–' : 'v' + v.parent),
      el('td', {}, v.created),
      el('td', {}, v.adapters.length),
      el('td', {}, v.titles.length ? v.titles[v.titles.length - 1] : 'base model'),
      el('td', { class: 'mono' }, v.weights_sha256.slice(0, 16)),
      el('td', {}, v.current ? '' : el('button', { class: 'rollback', onclick: () => rollback(v.version) }, 'Serve this'))));
  }
}

function summary(entry) {
  const p = entry.payload;
  switch (entry.type) {
    case 'input-received': return `${p.input} via ${p.via}: ${p.content.kind} “${p.content.title || p.content.question || ''}”`;
    case 'gates-decided': return `${p.input} on v${p.version}: ${p.outcome}` + p.gates.filter(g => !g.passed).map(g => ` — ${g.gate}: ${g.detail}`).join('');
    case 'version-changed': return `v${p.from} → v${p.to} (${p.reason}, by ${p.by})`;
    case 'rollback': return `v${p.from} → v${p.to} by ${p.by}: ${p.reason}`;
    case 'update-approved': case 'update-rejected': return `${p.update} by ${p.by}: ${p.reason}`;
    case 'self-edits-generated': return `${p.input}: ${p.self_edits.length} self-edits (${p.format})`;
    case 'probes-written': return `${p.input}: ${p.probes.length} probes (${p.source})`;
    case 'candidates-scored': {
      const c = p.candidates[p.chosen];
      return `${p.input}: chose self-edit ${p.chosen + 1} of ${p.candidates.length} (probes ${c.probes.correct}/${c.probes.count}, `
        + `before ${p.baseline.correct}/${p.baseline.count})`;
    }
    case 'update-pending': return `${p.update} waits for approval (made on v${p.version})`;
    default: {
      const text = JSON.stringify(p);
      return text.length > 140 ? text.slice(0, 137) + '...' : text;
    }
  }
}

function renderLedger(entries) {
  const body = $('ledger').tBodies[0];
  body.replaceChildren();
  for (const e of entries.slice().reverse()) {
    body.append(el('tr', { 'data-seq': e.seq },
      el('td', {}, e.seq), el('td', { class: 'time' }, e.time.replace('T', ' ').slice(0, 19)), el('td', {}, e.type), el('td', {}, summary(e)),
      el('td', { class: 'hash' }, e.hash.slice(0, 12))));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function renderCurves(points) {
  const chart = $('curves');
  chart.replaceChildren();
  const W = 720, H = 240, L = 40, R = 10, T = 10, B = 30;
  const x = i => L + (points.length <= 1 ? (W - L - R) / 2 : i * (W - L - R) / (points.length - 1));
  const y = v => T + (1 - v) * (H - T - B);
  chart.append(svg('line', { x1: L, y1: y(0), x2: W - R, y2: y(0), stroke: '#999' }));
  chart.append(svg('line', { x1: L, y1: y(0), x2: L, y2: y(1), stroke: '#999' }));
  for (const v of [0, 0.5, 1]) {
    const label = svg('text', { x: 4, y: y(v) + 4, 'font-size': 11, fill: '#666' });
    label.textContent = (100 * v) + '%';
    chart.append(label);
  }
  const series = [['probe_after', '#1f6feb', 'curve-probe'], ['probe_before', '#9ec1f7', 'curve-probe-before'],
    ['retention_after', '#d1242f', 'curve-retention'], ['retention_before', '#f2a7ac', 'curve-retention-before']];
  for (const [key, color, cls] of series) {
    const pts = points.map((p, i) => [i, p[key]]).filter(([, v]) => v !== null && v !== undefined);
    if (!pts.length) continue;
    const d = pts.map(([i, v], k) => `${k ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    chart.append(svg('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, class: cls }));
    for (const [i, v] of pts) chart.append(svg('circle', { cx: x(i), cy: y(v), r: 3, fill: color, class: cls + '-point' }));
  }
  points.forEach((p, i) => {
    const colors = { rejected: '#b3261e', pending: '#9a6700', accepted: '#17752b' };
    const mark = svg('text', { x: x(i) - 4, y: H - 10, 'font-size': 11, fill: colors[p.outcome] || '#666' });
    mark.textContent = { rejected: '✗', pending: '?', accepted: '✓' }[p.outcome] || '·';
    const title = svg('title', {});
    title.textContent = `${p.title}: ${p.outcome}`;
    mark.append(title);
    chart.append(mark);
  });
}

async function refresh() {
  try {
    const [status, verification, updates, versions, ledger, curves] = await Promise.all([
      api('GET', '/admin/status'), api('GET', '/admin/ledger/verify'), api('GET', '/admin/updates'),
      api('GET', '/admin/versions'), api('GET', '/admin/ledger?after=0&limit=1000'), api('GET', '/admin/curves')]);
    renderStatus(status, verification);
    renderPending(updates);
    renderVersions(versions);
    renderLedger(ledger.slice(-200));
    renderCurves(curves);
    $('login').hidden = true;
    $('main').hidden = false;
  } catch (e) {
    if (e.status === 401) {
      sessionStorage.removeItem('seal4j.token');
      token = null;
      showLogin('That token was refused: ' + e.message);
    }
  }
}

function showLogin(message) {
  $('login').hidden = false;
  $('main').hidden = true;
  $('login-error').textContent = message || '';
}

function start() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('seal4j.token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  token = sessionStorage.getItem('seal4j.token');
  $('by').value = localStorage.getItem('seal4j.by') || '';
  $('use-token').onclick = () => {
    token = $('token').value.trim();
    sessionStorage.setItem('seal4j.token', token);
    refresh();
  };
  if (token) refresh(); else showLogin();
  setInterval(() => { if (token) refresh(); }, REFRESH_MS);
}

document.addEventListener('DOMContentLoaded', start);
