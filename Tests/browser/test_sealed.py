"""A sealed instrument in real Chromiums against the real kiosk server: the console's key dialog.

The bundle's G4-STU-1 is sealed with `kiosk seal` (the key it prints is the day's key), loaded with
`kiosk init` (no key), and served. A student waits; the proctor presses 开始, the console asks for the
day's key in a dialog (Chinese first, English beside it, keyboard alone, at 1024x768); a wrong key gets
the server's message inside the dialog, the right one unseals and starts the session, and the student's
page opens the questionnaire. A restart seals it again: the student's page says it waits for the key,
the console offers 输入密钥 for the running session, and the key typed again lets the student carry on.
Screenshots go to test-artifacts/screenshots/sealed-*.png.
"""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import KioskData, KioskServer, add_staff, open_window, run_kiosk, write_bundle
from test_answering import by_id, click, login, screen, wait_for_screen, wait_until
from test_proctor import PASSWORD, PROCTOR, console_login, day_state, focused_id, wait_dialog

SESSION = "T-SEALED"
STUDENT = "G4S001"
QUESTION = "你是男生还是女生"
KEY = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}\b")


@pytest.fixture(scope="module")
def sealed(tmp_path_factory):
    base = tmp_path_factory.mktemp("sealed")
    start, end = open_window(30)
    plain = write_bundle(base / "plain", start=start, end=end, duration_minutes=30, session_id=SESSION,
                         proctor_start=True)
    result = run_kiosk("seal", "--bundle", str(plain), "--out", str(base / "bundle"), "--instrument", "G4-STU-1")
    found = KEY.search(result.stdout)
    assert found, result.stdout
    data = KioskData(base / "data", base / "bundle")
    add_staff(data, PROCTOR, "proctor", PASSWORD)
    server = KioskServer(data).start()
    server.key = found.group(0)
    yield server
    server.stop()


def keys(driver, *sequence):
    driver.switch_to.active_element.send_keys(*sequence)


def test_the_day_key_dialog_unseals_starts_and_after_a_restart_unseals_again(sealed, new_browser, screenshot):
    student = new_browser()
    login(student, sealed, STUDENT)
    wait_for_screen(student, "waiting")
    assert QUESTION not in student.page_source

    console = new_browser()
    console_login(console, sealed)
    row = by_id(console, "day-" + SESSION)
    assert "待输入密钥" in row.text and "key needed" in row.text

    # 开始 asks for the key; the focus is in the key field.
    start = by_id(console, f"day-{SESSION}-start")
    start.send_keys(Keys.ENTER)
    wait_dialog(console)
    assert focused_id(console) == "seal-key"
    dialog = by_id(console, "dialog")
    assert "当日密钥" in dialog.text and "day's key" in dialog.text
    field = by_id(console, "seal-key")
    assert field.get_attribute("autocomplete") == "off"
    assert console.find_element(By.CSS_SELECTOR, "label[for='seal-key']").text.startswith("当日密钥")
    # Focus stays inside the dialog.
    seen = []
    for _ in range(3):
        keys(console, Keys.TAB)
        seen.append(focused_id(console))
    assert seen == ["dialog-cancel", "seal-confirm", "seal-key"], seen

    # Too short: said at once, without asking the server.
    keys(console, "K7RM-X4PT")
    keys(console, Keys.ENTER)
    wait_until(console, lambda: by_id(console, "dialog-error").is_displayed(), 5, "no message for a short key")
    assert "20 个字符" in by_id(console, "dialog-error").text

    # A wrong key: the server's words in the dialog, which stays open.
    field.clear()
    field.send_keys("AAAA-CCCC-DDDD-EEEE-FFFF", Keys.ENTER)
    wait_until(console, lambda: by_id(console, "dialog-error").is_displayed()
               and "密钥不正确" in by_id(console, "dialog-error").text, 15,
               "no message for a wrong key: " + by_id(console, "dialog").text)
    assert "wrong" in by_id(console, "dialog-error").text
    screenshot(console, "sealed-01-wrong-key")
    assert day_state(console, SESSION) == "awaiting_start"

    # The right key, typed in lower case with spaces: unsealed and started.
    field.clear()
    field.send_keys(sealed.key.lower().replace("-", " "))
    screenshot(console, "sealed-02-key-dialog")
    by_id(console, "seal-confirm").send_keys(Keys.ENTER)
    wait_dialog(console, closed=True)
    wait_until(console, lambda: day_state(console, SESSION) == "open", 10, "the session did not open")
    assert "已解密" in by_id(console, "day-" + SESSION).text
    wait_for_screen(student, "answering", 20)
    assert QUESTION in student.page_source

    # A restart seals it again.
    sealed.stop()
    sealed.start()
    console.refresh()
    wait_until(console, lambda: screen(console) == "console" and console.find_elements(By.ID, f"day-{SESSION}-unseal"), 15)
    unseal = by_id(console, f"day-{SESSION}-unseal")
    wait_until(console, lambda: unseal.is_displayed(), 10, "no 输入密钥 for the running session")
    student.refresh()
    wait_for_screen(student, "waiting", 20)
    assert "等待监测员输入当日密钥" in by_id(student, "waiting-when").text
    screenshot(student, "sealed-03-student-waits-for-the-key")
    screenshot(console, "sealed-04-console-after-restart")

    unseal.send_keys(Keys.ENTER)
    wait_dialog(console)
    assert "重启" in by_id(console, "dialog").text
    keys(console, sealed.key, Keys.ENTER)
    wait_dialog(console, closed=True)
    wait_until(console, lambda: not by_id(console, f"day-{SESSION}-unseal").is_displayed(), 10)
    wait_for_screen(student, "answering", 20)
    assert QUESTION in student.page_source
