"""The participant's page (web/kiosk) in a real Chromium against the real kiosk server.

What a student would notice: logging in, skip rules showing and hiding follow-up questions,
required and soft-required questions, the page and the answers coming back after a reload, the
save status going offline while the server is stopped and back to saved when the queue has
drained, the confirmation before submitting, the waiting screen opening by itself, the countdown,
the time-is-up screen, and the whole thing by keyboard alone. What the server stored is checked
through the API with the browser's own cookie. Screenshots of every screen go to
test-artifacts/screenshots/.

Instrument G4-STU-1 (Sources/kiosk/DemoBundle/instruments/G4-STU-1.json), the parts used here:
page 1 (A1) S1Q01 single choice (required), S1Q02 integer 7-14 (required), S1Q03 dropdown (soft),
S1Q04, S1Q05 (soft); page 2 (A2) S1Q06 integer, S1Q07 single choice and its follow-up S1Q08
(`${S1Q07} >= 2`), S1Q12 multiple choice whose option 6 is exclusive; page 3 (B1) S1Q13 and its
follow-up S1Q14 (`${S1Q13} >= 2`), S1Q17 decimal, S1Q18. Eight pages in all.
"""

import re
import time
from datetime import datetime, timedelta

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import SITE_TIME_ZONE, KioskData, KioskServer, prepare_data, write_bundle

PAGES = 8


# ---- Fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    """A kiosk whose grade-4 session opened 5 minutes ago, 30 minutes per student."""
    data = prepare_data(tmp_path_factory, "answering", duration_minutes=30)
    server = KioskServer(data).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def short_kiosk(tmp_path_factory):
    """A kiosk whose grade-4 session opens in one to two minutes (time enough to log in and see the
    waiting screen on a busy machine) and gives each student 1 minute."""
    data = prepare_data(tmp_path_factory, "deadline", duration_minutes=1, starts_in_minutes=2, lasts_minutes=10)
    server = KioskServer(data).start()
    yield server
    server.stop()


# ---- What a student sees -------------------------------------------------------------------------

def wait_until(driver, condition, timeout=15, message=""):
    def check(_):
        try:
            return condition()
        except (NoSuchElementException, StaleElementReferenceException):
            return False
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(check, message)


def by_id(driver, element_id):
    return driver.find_element(By.ID, element_id)


def screen(driver):
    return driver.execute_script("return document.body.getAttribute('data-screen')")


def wait_for_screen(driver, name, timeout=15):
    wait_until(driver, lambda: screen(driver) == name and by_id(driver, "screen-" + name).is_displayed(), timeout,
               f"the {name} screen did not appear (screen: {screen(driver)})")


def page_number(driver):
    match = re.search(r"第 (\d+) / (\d+) 页", by_id(driver, "progress-page").text)
    assert match, by_id(driver, "progress-page").text
    assert int(match.group(2)) == PAGES
    return int(match.group(1))


def wait_for_page(driver, number):
    wait_until(driver, lambda: page_number(driver) == number, 10, f"page {number} did not appear")


def save_status(driver):
    return by_id(driver, "save-status").get_attribute("data-status")


def wait_saved(driver, timeout=15):
    wait_until(driver, lambda: save_status(driver) == "saved", timeout, "the answers were not saved")
    assert "已保存" in by_id(driver, "save-status").text


def item(driver, name):
    return by_id(driver, "item-" + name)


def shown(driver, name):
    return item(driver, name).is_displayed()


def radio(driver, name, code):
    return driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{code}']")


def click(driver, element):
    """A mouse click, with the element first scrolled to the middle (clear of the sticky top bar)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def choose(driver, name, code):
    """Clicks the row of option `code` of item `name` (a radio or checkbox row, or a matrix cell)."""
    option = radio(driver, name, code)
    click(driver, driver.find_element(By.CSS_SELECTOR, f"label[for='{option.get_attribute('id')}']"))


def checked(driver, name):
    return [int(box.get_attribute("value")) for box in driver.find_elements(By.CSS_SELECTOR, f"input[name='{name}']")
            if box.is_selected()]


def type_number(driver, name, text):
    field = by_id(driver, "in-" + name)
    field.clear()
    field.send_keys(text)
    field.send_keys(Keys.TAB)


def dialog_open(driver):
    return by_id(driver, "dialog").is_displayed()


def next_page(driver):
    """Next page, answering the soft-required prompt with 继续 when it comes."""
    before = page_number(driver)
    click(driver, by_id(driver, "next-button"))
    wait_until(driver, lambda: dialog_open(driver) or page_number(driver) == before + 1, 10, "nothing happened on 下一页")
    if dialog_open(driver):
        assert "未作答" in by_id(driver, "dialog").text
        click(driver, by_id(driver, "soft-continue"))
    wait_for_page(driver, before + 1)


def login(driver, kiosk, participant_id, code=None):
    driver.get(kiosk.url + "/kiosk/")
    wait_for_screen(driver, "login")
    by_id(driver, "login-id").send_keys(participant_id)
    by_id(driver, "login-code").send_keys((code or kiosk.data.codes[participant_id]).lower())
    by_id(driver, "login-code").send_keys(Keys.ENTER)


def token(driver):
    cookie = driver.get_cookie("kiosk_token")
    assert cookie, "the login left no kiosk_token cookie"
    assert cookie.get("httpOnly") is True
    return cookie["value"]


def server_attempt(kiosk, driver_or_token):
    value = driver_or_token if isinstance(driver_or_token, str) else token(driver_or_token)
    status, body = kiosk.request("GET", "/api/v1/attempt", token=value)
    assert status == 200, body
    return body


# Every visible control a student aims at, with its height: rows, matrix cells, fields, buttons.
TARGETS = """
var nodes = document.querySelectorAll('.choice, .matrix .cell, input.number, input.short-text, select, button');
return Array.prototype.filter.call(nodes, function (n) { return n.offsetParent !== null; })
  .map(function (n) { return [n.id || n.className || n.tagName, n.getBoundingClientRect().height]; });
"""


def assert_fits_the_screen(driver):
    """No horizontal scrolling at 1024 wide, and every target at least 44 px high."""
    width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert width <= inner, f"horizontal scrolling on page {page_number(driver)}: {width} > {inner}"
    small = [(name, height) for name, height in driver.execute_script(TARGETS) if height < 44]
    assert not small, f"targets under 44 px on page {page_number(driver)}: {small}"


def answer_first_page(driver):
    choose(driver, "S1Q01", 2)
    type_number(driver, "S1Q02", "10")


# ---- Tests ------------------------------------------------------------------------------------

def test_answers_across_a_skip_rule_and_finds_them_again_after_a_reload(kiosk, new_browser, screenshot):
    driver = new_browser()
    driver.get(kiosk.url + "/kiosk/")
    wait_for_screen(driver, "login")
    screenshot(driver, "01-login")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 1024

    # A wrong code: the server's message, in Chinese and English, at the form.
    by_id(driver, "login-id").send_keys("G4S001")
    by_id(driver, "login-code").send_keys("AAA-AAA-AAA" + Keys.ENTER)
    wait_until(driver, lambda: by_id(driver, "login-error").is_displayed(), 10, "no message for a wrong code")
    assert "登录条" in by_id(driver, "login-error").text and "login slip" in by_id(driver, "login-error").text
    screenshot(driver, "02-login-wrong-code")

    # The code typed in lower case with spaces: the page upper-cases it, the server normalises it.
    by_id(driver, "login-code").clear()
    by_id(driver, "login-code").send_keys(kiosk.data.codes["G4S001"].lower().replace("-", " ") + Keys.ENTER)
    wait_for_screen(driver, "answering")
    wait_for_page(driver, 1)
    assert "你和你的家" in by_id(driver, "page-title").text
    assert by_id(driver, "timer").is_displayed()
    assert re.match(r"^(29|30):\d\d$", by_id(driver, "timer-value").text), by_id(driver, "timer-value").text
    assert save_status(driver) == "saved"
    screenshot(driver, "03-answering-page-1")

    # Question text can be neither selected nor printed.
    question = driver.find_element(By.CSS_SELECTOR, "#item-S1Q01 .q-text")
    assert driver.execute_script("return getComputedStyle(arguments[0]).userSelect;", question) == "none"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert driver.execute_script("return getComputedStyle(document.body).display;") == "none"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # Required questions block 下一页 with a message at each of them.
    click(driver, by_id(driver, "next-button"))
    wait_until(driver, lambda: "必须作答" in item(driver, "S1Q01").text, 5, "no message at the required S1Q01")
    assert "必须作答" in item(driver, "S1Q02").text
    assert page_number(driver) == 1
    screenshot(driver, "04-required-message")

    answer_first_page(driver)
    type_number(driver, "S1Q02", "30")  # out of 7-14: refused at the item when leaving the field
    wait_until(driver, lambda: "超出了范围" in item(driver, "S1Q02").text, 5, "no range message for 30")
    screenshot(driver, "05-number-out-of-range")
    type_number(driver, "S1Q02", "10")
    wait_until(driver, lambda: "超出了范围" not in item(driver, "S1Q02").text, 5)
    Select(by_id(driver, "in-S1Q03")).select_by_value("5")

    # Soft-required questions left: asked once, then the student may go on.
    click(driver, by_id(driver, "next-button"))
    wait_until(driver, lambda: dialog_open(driver), 5, "no soft-required prompt")
    assert "你还有 2 题未作答" in by_id(driver, "dialog").text
    screenshot(driver, "06-soft-required-prompt")
    click(driver, by_id(driver, "soft-continue"))
    wait_for_page(driver, 2)

    # The skip rule ${S1Q07} >= 2: S1Q08 appears and disappears with the answer to S1Q07.
    assert not shown(driver, "S1Q08")
    choose(driver, "S1Q07", 2)
    wait_until(driver, lambda: shown(driver, "S1Q08"), 5, "S1Q08 did not appear for S1Q07 = 2")
    choose(driver, "S1Q08", 3)
    screenshot(driver, "07-skip-rule-follow-up-shown")
    choose(driver, "S1Q07", 1)
    wait_until(driver, lambda: not shown(driver, "S1Q08"), 5, "S1Q08 did not hide for S1Q07 = 1")
    wait_saved(driver)
    stored = server_attempt(kiosk, driver)["answers"]
    assert stored.get("S1Q07") == 1 and "S1Q08" not in stored, "a hidden follow-up must be cleared on the server"
    choose(driver, "S1Q07", 4)
    wait_until(driver, lambda: shown(driver, "S1Q08"), 5)
    assert checked(driver, "S1Q08") == [], "the cleared answer came back"
    choose(driver, "S1Q08", 2)
    type_number(driver, "S1Q06", "3")

    # Multiple choice with an exclusive "none of these" (option 6).
    choose(driver, "S1Q12", 1)
    choose(driver, "S1Q12", 3)
    choose(driver, "S1Q12", 6)
    assert checked(driver, "S1Q12") == [6]
    choose(driver, "S1Q12", 2)
    assert checked(driver, "S1Q12") == [2]

    # The larger-text toggle, kept across the reload.
    click(driver, by_id(driver, "text-size"))
    assert "large-text" in driver.execute_script("return document.documentElement.className")
    wait_saved(driver)
    screenshot(driver, "08-page-2-larger-text")

    attempt = server_attempt(kiosk, driver)
    expected = {"S1Q01": 2, "S1Q02": 10, "S1Q03": 5, "S1Q06": 3, "S1Q07": 4, "S1Q08": 2, "S1Q12": [2]}
    assert {name: attempt["answers"].get(name) for name in expected} == expected
    assert attempt["position"] == 1

    # Reload mid-way: the same page, the same answers, the follow-up still shown.
    driver.refresh()
    wait_for_screen(driver, "answering")
    wait_for_page(driver, 2)
    assert checked(driver, "S1Q07") == [4]
    assert shown(driver, "S1Q08") and checked(driver, "S1Q08") == [2]
    assert by_id(driver, "in-S1Q06").get_attribute("value") == "3"
    assert checked(driver, "S1Q12") == [2]
    assert by_id(driver, "text-size").get_attribute("aria-pressed") == "true"
    screenshot(driver, "09-resumed-after-reload")
    click(driver, by_id(driver, "text-size"))

    click(driver, by_id(driver, "prev-button"))
    wait_for_page(driver, 1)
    assert checked(driver, "S1Q01") == [2]
    assert by_id(driver, "in-S1Q02").get_attribute("value") == "10"
    assert Select(by_id(driver, "in-S1Q03")).first_selected_option.get_attribute("value") == "5"
    next_page(driver)
    next_page(driver)
    assert "作业和睡觉" in by_id(driver, "page-title").text
    wait_saved(driver)
    assert server_attempt(kiosk, driver)["position"] == 2


def test_keeps_answering_while_the_server_is_stopped_and_the_queue_arrives(kiosk, new_browser, screenshot):
    driver = new_browser()
    login(driver, kiosk, "G4S002")
    wait_for_screen(driver, "answering")
    answer_first_page(driver)
    next_page(driver)
    wait_saved(driver)
    participant_token = token(driver)

    kiosk.stop()
    choose(driver, "S1Q07", 2)
    wait_until(driver, lambda: shown(driver, "S1Q08"), 5)
    choose(driver, "S1Q08", 1)
    type_number(driver, "S1Q06", "2")
    Select(by_id(driver, "in-S1Q09")).select_by_value("3")
    wait_until(driver, lambda: save_status(driver) == "offline", 10, "the status never said offline")
    assert "离线，答案已暂存在本机" in by_id(driver, "save-status").text
    screenshot(driver, "10-offline-answers-kept")
    next_page(driver)  # going on works offline too
    choose(driver, "S1Q13", 3)
    wait_until(driver, lambda: shown(driver, "S1Q14"), 5)
    choose(driver, "S1Q14", 2)
    type_number(driver, "S1Q17", "9.5")
    assert save_status(driver) == "offline"

    kiosk.start()  # the same data folder and port
    wait_saved(driver, timeout=30)
    screenshot(driver, "11-back-online-saved")
    attempt = server_attempt(kiosk, participant_token)
    expected = {"S1Q01": 2, "S1Q02": 10, "S1Q06": 2, "S1Q07": 2, "S1Q08": 1, "S1Q09": 3, "S1Q13": 3, "S1Q14": 2,
                "S1Q17": 9.5}
    assert {name: attempt["answers"].get(name) for name in expected} == expected
    assert attempt["position"] == 2

    # Stopped again, then the browser reloads before the server is back: what was queued on this
    # computer is re-applied and sent once the page can load again.
    kiosk.stop()
    choose(driver, "S1Q18", 2)
    choose(driver, "S1Q15", 4)
    wait_until(driver, lambda: save_status(driver) == "offline", 10)
    driver.refresh()  # the browser's own error page: the server is down
    kiosk.start()
    driver.refresh()
    wait_for_screen(driver, "answering")
    wait_for_page(driver, 3)
    assert checked(driver, "S1Q18") == [2] and checked(driver, "S1Q15") == [4]
    wait_saved(driver, timeout=30)
    answers = server_attempt(kiosk, participant_token)["answers"]
    assert answers.get("S1Q18") == 2 and answers.get("S1Q15") == 4 and answers.get("S1Q17") == 9.5


def test_submits_through_the_confirmation_dialog(kiosk, new_browser, screenshot):
    driver = new_browser()
    login(driver, kiosk, "G4S003")
    wait_for_screen(driver, "answering")
    answer_first_page(driver)
    assert_fits_the_screen(driver)
    for number in range(2, PAGES + 1):
        next_page(driver)
        assert_fits_the_screen(driver)
        if number == 6:  # the matrix S1Q35: one radio row per statement, the scale as columns
            choose(driver, "S1Q35A", 3)
            choose(driver, "S1Q35B", 4)
            assert checked(driver, "S1Q35A") == [3] and checked(driver, "S1Q35B") == [4]
            screenshot(driver, "12a-matrix-page")
    assert not by_id(driver, "next-button").is_displayed()
    type_number(driver, "S1Q43", "跳绳")
    driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight);")
    screenshot(driver, "12-last-page")

    participant_token = token(driver)
    submit = by_id(driver, "submit-button")
    click(driver, submit)
    wait_until(driver, lambda: dialog_open(driver), 5, "no confirmation dialog")
    assert "确认提交" in by_id(driver, "dialog").text
    assert re.search(r"你还有 \d+ 题未作答", by_id(driver, "dialog").text)
    screenshot(driver, "13-submit-confirmation")
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)  # Esc cancels: nothing submitted
    wait_until(driver, lambda: not dialog_open(driver), 5, "Esc did not close the dialog")
    assert server_attempt(kiosk, driver)["state"] == "open"

    click(driver, submit)
    wait_until(driver, lambda: dialog_open(driver), 5)
    click(driver, by_id(driver, "submit-confirm"))
    wait_for_screen(driver, "submitted")
    assert "已提交，谢谢！" in by_id(driver, "screen-submitted").text
    screenshot(driver, "14-submitted-thank-you")

    # Submitting ended the login (the server revoked the token and cleared the cookie); logging in
    # again leads to the same session, which the page shows as handed in.
    attempt_after = kiosk.request("GET", "/api/v1/attempt", token=participant_token)
    assert attempt_after[0] == 401
    driver.refresh()
    wait_for_screen(driver, "login")
    login(driver, kiosk, "G4S003")
    wait_for_screen(driver, "submitted")
    assert server_attempt(kiosk, token(driver))["state"] == "submitted"
    screenshot(driver, "15-login-after-submitting")


def test_keyboard_alone_logs_in_answers_and_goes_on(kiosk, new_browser, screenshot):
    driver = new_browser()
    driver.get(kiosk.url + "/kiosk/")
    wait_for_screen(driver, "login")

    def keys(*sequence):
        driver.switch_to.active_element.send_keys(*sequence)

    def focused():
        return driver.switch_to.active_element

    assert focused().get_attribute("id") == "login-id"
    keys("G4S004")
    keys(Keys.TAB)
    keys(kiosk.data.codes["G4S004"])
    keys(Keys.ENTER)
    wait_for_screen(driver, "answering")
    wait_until(driver, lambda: focused().get_attribute("id") == "page-title", 5, "the page title did not get focus")

    keys(Keys.TAB)
    assert focused().get_attribute("name") == "S1Q01"
    keys(Keys.SPACE)
    keys(Keys.ARROW_DOWN)  # arrows move within a radio group, as native radios do
    wait_until(driver, lambda: checked(driver, "S1Q01") == [2], 5)
    # The focused row shows a focus ring.
    ring = driver.execute_script(
        "return getComputedStyle(document.activeElement.nextElementSibling, '::before').boxShadow;")
    assert "240, 165, 0" in ring, ring
    screenshot(driver, "16-keyboard-focus-ring")

    keys(Keys.TAB)
    assert focused().get_attribute("id") == "in-S1Q02"
    keys("9")
    for _ in range(20):
        if focused().get_attribute("id") == "next-button":
            break
        keys(Keys.TAB)
    assert focused().get_attribute("id") == "next-button"
    keys(Keys.ENTER)

    # The soft-required prompt: focus inside it, Tab cycles within it, Enter on 继续 goes on.
    wait_until(driver, lambda: dialog_open(driver), 5, "no soft-required prompt")
    assert focused().get_attribute("id") == "soft-back"
    keys(Keys.TAB)
    assert focused().get_attribute("id") == "soft-continue"
    keys(Keys.TAB)
    assert focused().get_attribute("id") == "soft-back", "focus left the dialog"
    keys(Keys.SHIFT, Keys.TAB)
    assert focused().get_attribute("id") == "soft-continue"
    keys(Keys.ENTER)
    wait_for_page(driver, 2)
    wait_saved(driver)
    answers = server_attempt(kiosk, driver)["answers"]
    assert answers.get("S1Q01") == 2 and answers.get("S1Q02") == 9


def test_too_many_wrong_codes_show_the_wait(kiosk, new_browser, screenshot):
    driver = new_browser()
    driver.get(kiosk.url + "/kiosk/")
    wait_for_screen(driver, "login")
    by_id(driver, "login-id").send_keys("G4S030")
    for attempt in range(8):
        driver.execute_script("document.getElementById('login-error').hidden = true;")
        code = by_id(driver, "login-code")
        code.clear()
        code.send_keys(f"AAA-AAA-AA{attempt}" + Keys.ENTER)
        wait_until(driver, lambda: by_id(driver, "login-error").is_displayed(), 10, "no answer to a login")
        if "后再试" in by_id(driver, "login-error").text:
            break
        wait_until(driver, lambda: by_id(driver, "login-button").is_enabled(), 10)
    message = by_id(driver, "login-error").text
    assert re.search(r"请在(约)? \d+ (秒|分钟)后再试", message) and "try again in" in message, message
    assert not by_id(driver, "login-button").is_enabled()
    screenshot(driver, "17-login-throttled")


def test_waits_for_the_session_and_shows_time_is_up_at_the_deadline(short_kiosk, new_browser, screenshot):
    kiosk = short_kiosk
    opens = kiosk.data.window[0]
    driver = new_browser()
    login(driver, kiosk, "G4S005")
    wait_for_screen(driver, "waiting", timeout=45)
    waiting = by_id(driver, "screen-waiting").text
    assert "场次尚未开始" in waiting and "四年级学生问卷（一）" in waiting
    assert opens.strftime("%H:%M") in waiting, waiting  # the browser runs in the site's time zone (conftest)
    screenshot(driver, "19-waiting-for-the-session")

    # It moves on by itself when the session opens.
    seconds_to_open = (opens - datetime.now(SITE_TIME_ZONE)).total_seconds()
    wait_for_screen(driver, "answering", timeout=seconds_to_open + 20)
    wait_until(driver, lambda: re.match(r"^0[01]:\d\d$", by_id(driver, "timer-value").text), 5)
    assert "low" in by_id(driver, "timer").get_attribute("class"), "under 5 minutes the countdown turns amber"
    wait_until(driver, lambda: "5 分钟" in by_id(driver, "announcer").get_attribute("textContent"), 5,
               "no polite notice of the last 5 minutes")
    choose(driver, "S1Q01", 1)
    wait_saved(driver)
    screenshot(driver, "20-countdown-under-5-minutes")

    remaining = server_attempt(kiosk, driver)["remainingMs"]
    participant_token = token(driver)
    wait_for_screen(driver, "timeup", timeout=remaining / 1000 + 20)
    assert "时间到" in by_id(driver, "screen-timeup").text
    assert "你的答案已保存" in by_id(driver, "screen-timeup").text
    screenshot(driver, "21-time-is-up")
    attempt = server_attempt(kiosk, participant_token)
    assert attempt["state"] == "timed_out"
    assert attempt["answers"].get("S1Q01") == 1
