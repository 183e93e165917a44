"""A syntax guard for the lab's oldest browser, Chromium 69.

Every .js, .css and .html file under web/ is scanned for what Chromium 69 cannot run: optional
chaining `?.`, nullish coalescing `??`, class fields, `Array.prototype.at`, `gap` on a flex container
(Chromium 84) and the `:is()` selector. Comments, strings, template text and regular expressions
are blanked out first, so these only count where they are code.
"""

import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "web"

# After these, a `/` starts a regular expression rather than a division.
REGEX_PRECEDING_PUNCTUATION = set("(,=:[!&|?{};+-*%<>~^")
WORD = re.compile(r"[A-Za-z_$][\w$]*")
REGEX_PRECEDING_WORDS = {
    "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw",
    "instanceof", "yield", "await",
}


def blank_javascript(source):
    """The source with comments, string and template text and regex bodies replaced by spaces.

    Newlines are kept, so line numbers still point at the source. Code inside `${...}` of a
    template literal stays, since it is code.
    """
    out = []
    i, n = 0, len(source)
    template_depths = []  # brace depth at which each open `${` of a template returns to its text
    depth = 0
    last_significant = ""  # the last code token's text, to tell a regex from a division

    def blank(text):
        return "".join(c if c == "\n" else " " for c in text)

    def scan_template_text(start):
        """From inside a template's text, up to and including its end or the next `${`."""
        j = start
        while j < n:
            if source[j] == "\\":
                j += 2
            elif source[j] == "`":
                return j + 1, False
            elif source.startswith("${", j):
                return j + 2, True
            else:
                j += 1
        return n, False

    while i < n:
        c = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            end = n if end < 0 else end
            out.append(blank(source[i:end]))
            i = end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(blank(source[i:end]))
            i = end
        elif c in "'\"":
            j = i + 1
            while j < n and source[j] != c and source[j] != "\n":
                j += 2 if source[j] == "\\" else 1
            out.append(c + blank(source[i + 1:j]) + c)
            i = j + 1
            last_significant = "string"
        elif c == "`" or (c == "}" and template_depths and template_depths[-1] == depth):
            if c == "}":
                template_depths.pop()
            end, opens_expression = scan_template_text(i + 1)
            out.append(c + blank(source[i + 1:end]))
            if opens_expression:
                template_depths.append(depth)
            i = end
            last_significant = "string"
        elif c == "/" and (not last_significant or last_significant in REGEX_PRECEDING_PUNCTUATION
                           or last_significant in REGEX_PRECEDING_WORDS):
            close, in_class = i + 1, False
            while close < n and source[close] != "\n" and (in_class or source[close] != "/"):
                if source[close] == "\\":
                    close += 1
                elif source[close] == "[":
                    in_class = True
                elif source[close] == "]":
                    in_class = False
                close += 1
            flags = WORD.match(source, close + 1)
            end = flags.end() if flags else close + 1
            out.append("/" + blank(source[i + 1:close]) + source[close:end])
            i = end
            last_significant = "regex"
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            if not c.isspace():
                word = WORD.match(source, i)
                if word:
                    out.append(word.group())
                    i += len(word.group())
                    last_significant = word.group()
                    continue
                last_significant = c
            out.append(c)
            i += 1
    return "".join(out)


def class_field_offsets(code):
    """Offsets of class fields (`x = 1;`, `static y;`, `#z`) in blanked code."""
    found = []
    for match in re.finditer(r"\bclass\b[^{]*\{", code):
        depth, parens, head_start, i = 1, 0, match.end(), match.end()
        while i < len(code) and depth > 0:
            c = code[i]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 1:
                    head_start = i + 1
            elif depth == 1 and c == "(":
                parens += 1
            elif depth == 1 and c == ")":
                parens -= 1
            elif depth == 1 and parens == 0:
                head = code[head_start:i]
                if c == "#" or (c == "=" and "(" not in head) or (c == ";" and head.strip() and "(" not in head):
                    found.append(head_start + len(head) - len(head.lstrip()))
                if c == ";":
                    head_start = i + 1
            i += 1
    return found


def javascript_problems(source):
    code = blank_javascript(source)
    problems = [(m.start(), "optional chaining '?.'") for m in re.finditer(r"\?\.(?!\d)", code)]
    problems += [(m.start(), "nullish coalescing '??'") for m in re.finditer(r"\?\?", code)]
    problems += [(m.start(), "Array.prototype.at '.at('") for m in re.finditer(r"\.at\s*\(", code)]
    problems += [(offset, "a class field") for offset in class_field_offsets(code)]
    return problems


def blank_css(source):
    source = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group()), source, flags=re.S)
    return re.sub(r"(\"|')(?:\\.|(?!\1).)*\1", lambda m: m.group(1) + " " * (len(m.group()) - 2) + m.group(1), source)


def css_blocks(css):
    """(selector, declarations, offset) for every rule, looking inside @media and the like."""
    blocks, stack, start = [], [], 0
    for i, c in enumerate(css):
        if c == "{":
            stack.append((css[start:i].strip(), i + 1))
            start = i + 1
        elif c == "}" and stack:
            selector, body_start = stack.pop()
            body = css[body_start:i]
            if "{" not in body:
                blocks.append((selector, body, body_start))
            start = i + 1
        elif c == ";" and not stack:
            start = i + 1
    return blocks


def css_problems(source):
    css = blank_css(source)
    problems = [(m.start(), "the :is() selector") for m in re.finditer(r":is\s*\(", css, re.I)]
    blocks = css_blocks(css)
    display_flex = re.compile(r"(?:^|;)\s*display\s*:\s*(?:inline-)?flex\b", re.I)
    flex_selectors = {sel.strip() for selector, body, _ in blocks if display_flex.search(body)
                      for sel in selector.split(",")}
    for selector, body, offset in blocks:
        is_flex = display_flex.search(body) or any(s.strip() in flex_selectors for s in selector.split(","))
        gap = re.search(r"(?:^|;)\s*((?:row-|column-)?gap)\s*:", body, re.I)
        if is_flex and gap and not re.search(r"display\s*:\s*(?:inline-)?grid\b", body, re.I):
            problems.append((offset + gap.start(1), "'gap' on a flex container"))
    return problems


def html_problems(source):
    problems = []
    for match in re.finditer(r"<script\b[^>]*>(.*?)</script\s*>", source, re.S | re.I):
        problems += [(match.start(1) + o, what) for o, what in javascript_problems(match.group(1))]
    for match in re.finditer(r"<style\b[^>]*>(.*?)</style\s*>", source, re.S | re.I):
        problems += [(match.start(1) + o, what) for o, what in css_problems(match.group(1))]
    for match in re.finditer(r"\sstyle\s*=\s*(\"|')(.*?)\1", source, re.S | re.I):
        problems += [(match.start(2) + o, what) for o, what in css_problems("x{" + match.group(2) + "}")]
    return problems


CHECKERS = {".js": javascript_problems, ".css": css_problems, ".html": html_problems}


def web_files():
    return sorted(p for p in WEB.rglob("*") if p.suffix in CHECKERS and p.is_file())


def test_web_has_files_to_scan():
    assert (WEB / "shared" / "rules.js") in web_files()


@pytest.mark.parametrize("path", web_files(), ids=lambda p: str(p.relative_to(WEB)))
def test_runs_in_chromium_69(path):
    source = path.read_text(encoding="utf-8")
    problems = sorted(CHECKERS[path.suffix](source))
    lines = [f"{path.relative_to(WEB)}:{source.count(chr(10), 0, offset) + 1}: {what}" for offset, what in problems]
    assert not lines, "syntax Chromium 69 cannot run:\n" + "\n".join(lines)


# The guard's own precision: what it must find, and what it must leave alone.

@pytest.mark.parametrize("source", [
    "var a = b?.c;",
    "var a = b?.[0];",
    "f?.(1);",
    "var a = b ?? c;",
    "a ??= 1;",
    "var last = list.at(-1);",
    "class A { x = 1; }",
    "class A { static count = 0; }",
    "class A { name; constructor() {} }",
    "class A { #secret = 1; }",
    "class A extends B { constructor() { super(); } y = `t`; }",
    "var t = `${a?.b}`;",
])
def test_finds_modern_javascript(source):
    assert javascript_problems(source)


@pytest.mark.parametrize("source", [
    "var a = b ? .5 : 1;",
    "var s = 'a?.b ?? c.at(1)';",
    'var s = "x ?? y";',
    "// a?.b ?? c\nvar x = 1;",
    "/* list.at(0) */ var x = 1;",
    "var r = /a?.b|c??/;",
    "var r = x.split(/[?.]/);",
    "var ratio = a / b / c;",
    "var t = `a?.b ${1 + 1} c??`;",
    "class A { constructor(a = 1) { this.x = a; } method(b = 2) { var c = 3; return c; } }",
    "class A { get x() { return 1; } static make() { return new A(); } }",
    "var o = { at: 1 }; o.attach(1); o.atom = 2;",
])
def test_leaves_es2017_alone(source):
    assert javascript_problems(source) == []


@pytest.mark.parametrize("source", [
    ".row { display: flex; gap: 8px; }",
    ".row { display: inline-flex; column-gap: 8px; }",
    ".row { display: flex; }\n.row { row-gap: 4px; }",
    "@media (min-width: 600px) { .row { display: flex; gap: 1em; } }",
    "a:is(.x, .y) { color: red; }",
])
def test_finds_modern_css(source):
    assert css_problems(source)


@pytest.mark.parametrize("source", [
    ".grid { display: grid; gap: 8px; }",
    ".row { display: flex; margin-right: 8px; }",
    "/* .row { display: flex; gap: 8px; } */ .x { color: red; }",
    ".a::before { content: ':is(x)'; }",
    ".this-is-fine { display: block; }",
])
def test_leaves_old_css_alone(source):
    assert css_problems(source) == []


def test_checks_inline_script_and_style_in_html():
    assert html_problems("<script>var a = b ?? c;</script>")
    assert html_problems("<style>.r { display: flex; gap: 2px }</style>")
    assert html_problems('<div style="display: flex; gap: 2px"></div>')
    assert html_problems("<p>Is a ?? b allowed? Only in text.</p><script>var ok = 1;</script>") == []
