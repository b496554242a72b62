package dev.seal4j.engine.tokenizer;

import dev.seal4j.engine.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The places where Jinjava and Python's Jinja2 differ, each checked against the output of Python's jinja2 3.1
 * set up as Hugging Face transformers sets it up (ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks,
 * loopcontrols, HF's tojson and raise_exception); the expected strings were printed by that reference.
 */
class ChatTemplateTest {
    private static final List<Map<String, String>> MESSAGES = List.of(
            Map.of("role", "system", "content", " Be brief. "),
            Map.of("role", "user", "content", "Hi"),
            Map.of("role", "assistant", "content", "<think>\nhmm\n</think>\n\nHello!"));

    private static final String[][] CASES = {
            {"{% for m in messages %}\n  {{ m.role }}\n{% endfor %}\n",
             "  system\n  user\n  assistant\n"},
            {"a  {{- 'x' -}}  b\n  {%+ if true %}kept{% endif +%}\nc",
             "axb\n  kept\nc"},
            {"{{ messages[::-1][0].role }} {{ messages[1:][0].role }} {{ 'abcdef'[::2] }} {{ messages[-1]['role'] }}",
             "assistant user ace assistant"},
            {"{% if not messages[0].role == 'user' and not tools is defined %}ok{% endif %}",
             "ok"},
            {"{% set ns = namespace(n=messages|length - 1, seen=false) %}{% for m in messages %}{% if m.role == 'user' %}"
                    + "{% set ns.seen = true %}{% endif %}{% endfor %}{{ ns.n }} {{ ns.seen }}",
             "2 True"},
            {"{{ messages[2].content.split('</think>')[-1].lstrip('\\n') }}|{{ messages[2].content.split('</think>')[0]"
                    + ".split('<think>')[-1].strip('\\n') }}|{{ messages[0].content.strip() }}|",
             "Hello!|hmm|Be brief.|"},
            {"{{ messages[1].content.startswith('H') }} {{ messages[1].content.endswith(('x', 'i')) }} {{ 'a b  c'.split() }}"
                    + " {{ 'k=v=w'.split('=', 1) }}",
             "True True ['a', 'b', 'c'] ['k', 'v=w']"},
            {"{{ messages[0]['content'] | trim }}|{{ '\u00a0x\u00a0' | trim }}|",
             "Be brief.|x|"},
            {"{{ {'name': 'f', 'args': {'city': 'Zürich', 'n': [1, 2.5, none, true]}} | tojson }}",
             "{\"name\": \"f\", \"args\": {\"city\": \"Zürich\", \"n\": [1, 2.5, null, true]}}"},
            {"{{ {'b': 1, 'a': []} | tojson(indent=2) }}",
             "{\n  \"b\": 1,\n  \"a\": []\n}"},
            {"{{ true }} {{ false }} {{ [1, 'a', none] }} {{ {'k': \"it's\"} }} {{ 0.1 + 0.2 }} {{ 1e-7 }} {{ 10 / 4 }}",
             "True False [1, 'a', None] {'k': \"it's\"} 0.30000000000000004 1e-07 2.5"},
            {"{% for k in {'x': 1, 'y': 2} %}{{ k }}{% endfor %} {% for k, v in {'x': 1}.items() %}{{ k }}{{ v }}{% endfor %}",
             "xy x1"},
            {"{{ -3 | abs }} {{ 'abc'[0] }}{{ 'abc'[-1] }} {{ 'abc' | first }}{{ [4, 5] | last }}",
             "3 ac a5"},
            {"{% for m in messages %}{% if loop.index0 == 1 %}{% break %}{% endif %}{{ m.role }}{% endfor %}",
             "system"},
            {"{{ 'Hello world'.title() }} {{ 'aXa'.replace('a', 'b') }} {{ 'banana'.count('an') }} {{ 'x'.upper() }}",
             "Hello World bXb 2 X"},
            {"{{ messages[1].content ~ '!' }} {{ 'x' if messages|length > 2 else 'y' }} {{ (messages|length) // 2 }}"
                    + " {{ messages|length % 2 }}",
             "Hi! x 1 1"},
            {"line1\n{# comment #}\n  {%- if true %}\n  x\n  {%- endif %}\nend\n",
             "line1\n  xend"},
            {"{% raw %}{{ kept }}{% endraw %}",
             "{{ kept }}"},
            {"{{ bos_token }}{{ messages[1].content }}{{ eos_token }}",
             "<s>Hi</s>"},
    };

    @Test
    void rendersLikeJinja2() {
        for (String[] c : CASES) {
            assertEquals(c[1], ChatTemplate.of(c[0], "<s>", "</s>").render(MESSAGES, false), c[0]);
        }
    }

    @Test
    void raiseExceptionBecomesBadInputWithTheTemplatesMessage() {
        ChatTemplate t = ChatTemplate.of("{% if messages[0].role != 'user' %}{{ raise_exception('Conversation must"
                + " start with user, got ' + messages[0].role) }}{% endif %}", null, null);
        BadInputException e = assertThrows(BadInputException.class, () -> t.render(MESSAGES, false));
        assertEquals("chat template: Conversation must start with user, got system", e.getMessage());
    }

    @Test
    void messageContentThatLooksLikeATemplateIsPrintedAsIs() {
        ChatTemplate t = ChatTemplate.of("{{ messages[0].content }}", null, null);
        String content = "{{ 7 * 7 }} {% if x %}";
        assertEquals(content, t.render(List.of(Map.of("role", "user", "content", content)), false));
    }

    @Test
    void extraVariablesReachTheTemplate() {
        ChatTemplate t = ChatTemplate.of("{% for tool in tools %}{{ tool | tojson }}{% endfor %}"
                + "{% if enable_thinking is defined and enable_thinking is false %}/no_think{% endif %}", null, null);
        Map<String, Object> tool = Map.of("name", "get_time");
        assertEquals("{\"name\": \"get_time\"}/no_think",
                t.render(MESSAGES, true, Map.of("tools", List.of(tool), "enable_thinking", false)));
    }

    @Test
    void strftimeNowFormatsThePresent() {
        String year = String.valueOf(java.time.Year.now().getValue());
        String rendered = ChatTemplate.of("{{ strftime_now('%Y|%d %b') }}", null, null).render(MESSAGES, false);
        assertEquals(year, rendered.substring(0, 4));
        assertEquals(11, rendered.length(), rendered);
    }
}
