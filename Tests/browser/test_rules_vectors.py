"""The browser's skip-rule evaluator, web/shared/rules.js, against the shared vectors.

A real headless Chromium loads rules.js the way a page does (a <script> tag in a file:// page),
runs every case of Tests/Vectors/rules.json inside the page once, and each case is then its own
test, named by its rule, so a failure says which rule the browser gets wrong.
"""

import json
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
RULES_JS = ROOT / "web" / "shared" / "rules.js"
CASES = json.loads((ROOT / "Tests" / "Vectors" / "rules.json").read_text(encoding="utf-8"))["cases"]

# Runs in the page: every case, returning what the evaluator said about each.
RUN_CASES = """
var cases = arguments[0];
return cases.map(function (c) {
  try {
    return { value: KioskRules.evaluate(c.rule, c.answers || {}) };
  } catch (error) {
    if (!(error instanceof KioskRules.RuleSyntaxError)) { return { crash: String(error) }; }
    return { code: error.code, offset: error.offset, messages: error.messages };
  }
});
"""


@pytest.fixture(scope="module")
def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--window-size=1024,768", "--lang=zh-CN"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    html = tmp_path_factory.mktemp("rules") / "rules.html"
    html.write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<script src="{RULES_JS.as_uri()}"></script></head><body></body></html>',
        encoding="utf-8",
    )
    browser.get(html.as_uri())
    return browser


@pytest.fixture(scope="module")
def results(page):
    return page.execute_script(RUN_CASES, CASES)


def test_rules_js_loads_as_one_global(page):
    exposed = page.execute_script(
        "return [typeof KioskRules.parse, typeof KioskRules.evaluate, typeof KioskRules.referencedNames,"
        " typeof KioskRules.RuleSyntaxError, typeof module];"
    )
    assert exposed == ["function", "function", "function", "function", "undefined"]


def test_referenced_names_in_the_browser(page):
    names = page.execute_script(
        "return KioskRules.referencedNames("
        "'${SQ10} + ${SQ11} > 5 or not(${SQ09} = 1) and -${SQ10} < count-selected(${SQ07})');"
    )
    assert names == ["SQ10", "SQ11", "SQ09", "SQ07"]


def test_answers_through_a_lookup_function(page):
    holds = page.execute_script(
        "var rule = KioskRules.parse(\"${SQ05} = 2 and selected(${SQ07}, '4') and ${T1} = 3\");"
        "return KioskRules.evaluate(rule, function (name) {"
        "  return { SQ05: 2, SQ07: [1, 4], T1: '03' }[name]; });"
    )
    assert holds is True


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{i}: {c['rule']}" for i, c in enumerate(CASES)])
def test_vector(results, index):
    case, result = CASES[index], results[index]
    rule = case["rule"]
    assert "crash" not in result, f"{rule!r} crashed: {result.get('crash')}"
    if case.get("error"):
        assert "code" in result, f"{rule!r} should not parse, but evaluated to {result.get('value')}"
        assert (result["code"], result["offset"]) == (case["code"], case["offset"]), f"error of {rule!r}"
        if "messages" in case:
            assert result["messages"] == case["messages"], f"messages of {rule!r}"
    else:
        assert "value" in result, f"{rule!r} did not parse: {result.get('code')} at {result.get('offset')}"
        assert result["value"] is case["expect"], f"value of {rule!r} with answers {case.get('answers', {})}"
