"""The proctor console (web/proctor) and the participant page together, in real Chromiums against the
real kiosk server.

One kiosk for the module: a grade-4 session T-NOW of G4-STU-1 that a proctor must start (its window
opened 5 minutes ago, 30 minutes each), a grade-8 subject test the kiosk does not deliver, and a
teacher questionnaire T-LATER outside its window (starting it needs a written reason). Staff accounts
are made with `kiosk staff add ... --password-stdin` before the server starts.

What a proctor would notice: logging in; the day plan with every session and its state; starting the
session while a student waits in another browser; the live roster showing the student answering
(page, share answered, machine); a pause that stops the student's clock and blocks answering, and a
resume that moves the deadline by the pause; extra time that shows on the student's countdown; an
unlock that ends the old browser's login so that the student continues in a fresh browser with every
answer; incidents, marks and reasons holding markup shown as text; the printable completion report;
lab readiness; the audit log; an inspector who can look but not act; the console by keyboard alone.
Screenshots go to test-artifacts/screenshots/proctor-*.png.
"""

import base64
import re
import time
from datetime import timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import SCREENSHOTS, KioskData, KioskServer, add_staff, hhmm, open_window, write_bundle
from test_answering import (answer_first_page, by_id, checked, choose, click, login, next_page, page_number,
                            screen, server_attempt, token, wait_for_page, wait_for_screen, wait_saved, wait_until)

PROCTOR = "王老师"
INSPECTOR = "督学甲"
PASSWORD = "correct horse battery"
SESSION = "T-NOW"
LATER = "T-LATER"
STUDENT = "G4S001"

# Markup in free text: it must show as typed and make no element.
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"


# ---- Fixtures ----------------------------------------------------------------------------------

def later_window(now_window):
    """A teacher session's window outside the present: after T-NOW's when the day has room, else before it."""
    start, end = now_window
    day_end = start.replace(hour=23, minute=59)
    if end + timedelta(minutes=40) <= day_end:
        return end + timedelta(minutes=10), end + timedelta(minutes=40)
    return start - timedelta(minutes=60), start - timedelta(minutes=30)


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    base = tmp_path_factory.mktemp("proctor")
    start, end = open_window(30)
    later_start, later_end = later_window((start, end))
    date = start.strftime("%Y-%m-%d")
    extra = [
        {"id": "G8-CHN", "title": {"zh-CN": "八年级语文测试", "en": "Grade 8 Chinese test"}, "date": date,
         "start": hhmm(start), "end": hhmm(end), "instrument": None, "audience": {"role": "student", "grades": [8]},
         "durationMinutes": None, "proctorStart": True, "practice": False},
        {"id": LATER, "title": {"zh-CN": "教师问卷", "en": "Teacher questionnaire"}, "date": later_start.strftime("%Y-%m-%d"),
         "start": hhmm(later_start), "end": hhmm(later_end), "instrument": "TCH-1",
         "audience": {"role": "teacher", "grades": [4, 8]}, "durationMinutes": None, "proctorStart": True, "practice": False},
    ]
    bundle = write_bundle(base / "bundle", start=start, end=end, duration_minutes=30, session_id=SESSION,
                          proctor_start=True, extra_sessions=extra)
    data = KioskData(base / "data", bundle)
    data.window = (start, end)
    add_staff(data, PROCTOR, "proctor", PASSWORD)
    add_staff(data, INSPECTOR, "inspector", PASSWORD)
    server = KioskServer(data).start()
    # Two lab machines checked from this address (every browser here is 127.0.0.1): one too small, then
    # the students' machine, whose name (the later report, and the later in order) labels the address.
    for machine, width, height in (("A-02", 800, 600), ("B-07", 1280, 1024)):
        status, body = server.request("POST", "/api/v1/lab/checks", {
            "machine": machine, "userAgent": "Mozilla/5.0 Chrome/69.0", "screenWidth": width, "screenHeight": height,
            "clockOffsetMs": 1200, "roundTripMs": 8, "storageWorks": True, "scriptFeaturesWork": True})
        assert status == 201, body
    yield server
    server.stop()


# ---- The console -------------------------------------------------------------------------------

def console_login(driver, kiosk, name=PROCTOR, password=PASSWORD):
    driver.get(kiosk.url + "/proctor/")
    wait_until(driver, lambda: screen(driver) == "login" and by_id(driver, "login-name").is_displayed(), 15,
               "the console's login form did not appear")
    by_id(driver, "login-name").send_keys(name)
    by_id(driver, "login-password").send_keys(password + Keys.ENTER)
    wait_until(driver, lambda: screen(driver) == "console", 15, "the console did not open")
    wait_until(driver, lambda: driver.find_elements(By.CSS_SELECTOR, "#day-body tr"), 15, "no day plan")


def tab(driver, name):
    click(driver, by_id(driver, "tab-" + name))
    wait_until(driver, lambda: by_id(driver, "panel-" + name).is_displayed(), 5, f"the {name} tab did not open")


def day_state(driver, session_id):
    return by_id(driver, "day-" + session_id).get_attribute("data-state")


def row(driver, participant_id):
    return by_id(driver, "p-" + participant_id)


def row_status(driver, participant_id):
    return row(driver, participant_id).get_attribute("data-status")


def cell(driver, participant_id, column):
    return row(driver, participant_id).find_element(By.CSS_SELECTOR, ".col-" + column).text


def dialog_shown(driver):
    return by_id(driver, "dialog").is_displayed()


def wait_dialog(driver, closed=False):
    wait_until(driver, lambda: dialog_shown(driver) != closed, 10,
               "the dialog did not " + ("close" if closed else "open") + ": " + by_id(driver, "dialog-error").text)


def participant_action(driver, participant_id, action):
    """操作 on a roster row, then one of the actions the dialog offers."""
    click(driver, by_id(driver, "act-" + participant_id))
    wait_dialog(driver)
    click(driver, by_id(driver, "menu-" + action))
    wait_until(driver, lambda: not driver.find_elements(By.ID, "menu-" + action), 5)


def focused_id(driver):
    return driver.switch_to.active_element.get_attribute("id")


def countdown_seconds(driver):
    text = by_id(driver, "timer-value").text
    parts = [int(part) for part in text.split(":")]
    assert len(parts) in (2, 3), text
    return parts[0] * 3600 + parts[1] * 60 + parts[2] if len(parts) == 3 else parts[0] * 60 + parts[1]


def injected(driver, scope="document"):
    """Elements that markup typed as text would have made, and whether any of its script ran."""
    return driver.execute_script(
        "var root = " + scope + ";"
        "return [root.querySelectorAll('img, b').length + document.querySelectorAll('body script:not([src])').length,"
        " window.__xss === undefined ? null : window.__xss];")


def assert_no_horizontal_scroll(driver):
    width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert width <= inner, f"horizontal scrolling at 1024 wide: {width} > {inner}"


# ---- Tests -------------------------------------------------------------------------------------

def test_a_proctor_runs_the_room_and_rescues_a_student(kiosk, new_browser, screenshot):
    console = new_browser()
    student = new_browser()

    # Login: a wrong password is refused with the server's words in both languages.
    console.get(kiosk.url + "/proctor/")
    wait_until(console, lambda: screen(console) == "login", 15)
    assert focused_id(console) == "login-name"
    screenshot(console, "proctor-01-console-login")
    by_id(console, "login-name").send_keys(PROCTOR)
    by_id(console, "login-password").send_keys("not the password" + Keys.ENTER)
    wait_until(console, lambda: by_id(console, "login-error").is_displayed(), 10, "no message for a wrong password")
    message = by_id(console, "login-error").text
    assert re.search(r"[\u4e00-\u9fff]", message) and re.search(r"[A-Za-z]{4}", message), message
    by_id(console, "login-password").send_keys(PASSWORD + Keys.ENTER)
    wait_until(console, lambda: screen(console) == "console", 15, "the console did not open")
    assert by_id(console, "user-name").text == PROCTOR
    assert "监测员" in by_id(console, "user-role").text
    assert re.match(r"^\d\d:\d\d:\d\d$", by_id(console, "clock-value").text), by_id(console, "clock-value").text

    # The day plan: every session, the subject test greyed, the start waiting for the proctor.
    wait_until(console, lambda: day_state(console, SESSION) == "awaiting_start", 10)
    assert day_state(console, "G8-CHN") == "not_delivered"
    assert "not-delivered" in by_id(console, "day-G8-CHN").get_attribute("class")
    assert "不由本机施测" in by_id(console, "day-G8-CHN").text
    assert not by_id(console, "day-G8-CHN").find_elements(By.CSS_SELECTOR, "button:not([hidden])")
    assert "等待开始" in by_id(console, "day-" + SESSION).text and "应测 30" in by_id(console, "day-" + SESSION).text
    assert by_id(console, f"day-{SESSION}-start").is_displayed()
    assert not by_id(console, f"day-{SESSION}-pause").is_displayed()
    assert_no_horizontal_scroll(console)
    screenshot(console, "proctor-02-day-plan")

    # A student logs in and waits for the proctor.
    login(student, kiosk, STUDENT)
    wait_for_screen(student, "waiting", timeout=30)
    assert "请等待监测员开始" in by_id(student, "screen-waiting").text

    # The proctor starts the session; the student's page opens by itself.
    click(console, by_id(console, f"day-{SESSION}-start"))
    wait_until(console, lambda: day_state(console, SESSION) == "open", 10, "the session did not open")
    assert "进行中" in by_id(console, "day-" + SESSION).text
    wait_until(console, lambda: focused_id(console) == f"day-{SESSION}-pause", 5,
               "focus did not move on from the start button that went away")
    wait_for_screen(student, "answering", timeout=20)
    answer_first_page(student)
    next_page(student)
    choose(student, "S1Q07", 2)
    choose(student, "S1Q08", 1)
    wait_saved(student)

    # The live roster shows the student answering: page, share answered, machine.
    click(console, by_id(console, f"day-{SESSION}-monitor"))
    wait_until(console, lambda: by_id(console, "panel-roster").is_displayed(), 5)
    assert by_id(console, "tab-roster").get_attribute("aria-selected") == "true"
    wait_until(console, lambda: row_status(console, STUDENT) == "answering", 10, "the roster did not show 作答中")
    wait_until(console, lambda: cell(console, STUDENT, "page") == "2 / 8", 10,
               "the roster did not show page 2: " + cell(console, STUDENT, "page"))
    progress = cell(console, STUDENT, "progress")
    answered, answerable = (int(n) for n in re.match(r"^(\d+)/(\d+) · \d+%$", progress).groups())
    assert answered == 4 and answerable > answered, progress
    assert "作答中" in cell(console, STUDENT, "status")
    assert cell(console, STUDENT, "machine") == "B-07"
    assert re.match(r"^\d\d:\d\d$", cell(console, STUDENT, "left"))
    assert re.match(r"^\d+ 秒前$", cell(console, STUDENT, "seen")), cell(console, STUDENT, "seen")
    assert row_status(console, "G4S002") == "not_logged_in"
    summary = by_id(console, "roster-summary")
    assert summary.find_element(By.CSS_SELECTOR, ".summary-total .summary-count").text == "30"
    assert summary.find_element(By.CSS_SELECTOR, "[data-status='answering'] .summary-count").text == "1"
    assert_no_horizontal_scroll(console)
    screenshot(console, "proctor-03-roster-answering")

    # The proctor pauses the room (a dialog with an optional reason).
    click(console, by_id(console, "roster-pause"))
    wait_dialog(console)
    assert focused_id(console) == "pause-reason"
    by_id(console, "pause-reason").send_keys("停电 <b>全楼</b>")
    screenshot(console, "proctor-04-pause-dialog")
    click(console, by_id(console, "pause-confirm"))
    wait_dialog(console, closed=True)
    paused_at = time.monotonic()
    wait_until(console, lambda: by_id(console, "roster-state").get_attribute("data-state") == "paused", 10)
    assert focused_id(console) == "roster-resume", "focus should land on 继续, which replaced 暂停全场"

    # The student's clock stops, the paused overlay shows, and answering is blocked.
    wait_until(student, lambda: by_id(student, "paused").is_displayed(), 10, "the student did not see the pause")
    student_token = token(student)
    stopped = by_id(student, "timer-value").text
    time.sleep(3)
    assert by_id(student, "timer-value").text == stopped, "the student's clock kept running while paused"
    assert by_id(student, "paused-time").text == stopped
    assert by_id(student, "items").get_attribute("disabled") is not None
    status, body = kiosk.request("PUT", "/api/v1/attempt/answers",
                                 {"answers": [{"item": "S1Q06", "value": 3, "seq": 900}], "position": 1},
                                 token=student_token)
    assert status == 409 and body["error"]["code"] == "attempt_not_open", body
    remaining_at_pause = server_attempt(kiosk, student_token)["remainingMs"] / 1000
    screenshot(student, "proctor-05-student-paused")
    wait_until(console, lambda: row_status(console, STUDENT) == "paused", 10)
    frozen = cell(console, STUDENT, "left")
    time.sleep(1.5)
    assert cell(console, STUDENT, "left") == frozen, "the roster's countdown ran while paused"
    screenshot(console, "proctor-06-roster-paused")

    # The resume moves the deadline by the pause: the time left is what it was at the pause.
    time.sleep(max(0.0, 15 - (time.monotonic() - paused_at)))
    click(console, by_id(console, "roster-resume"))
    pause_length = time.monotonic() - paused_at
    wait_until(console, lambda: by_id(console, "roster-state").get_attribute("data-state") == "open", 10)
    wait_until(student, lambda: not by_id(student, "paused").is_displayed(), 15, "the student's page stayed paused")
    after = countdown_seconds(student)
    # Had the deadline stayed, `after` would be about remaining_at_pause - pause_length (15 s or more) less.
    assert remaining_at_pause - 7 <= after <= remaining_at_pause + 1, (remaining_at_pause, after, pause_length)

    # Extra time shows on the student's countdown within seconds.
    wait_until(console, lambda: row_status(console, STUDENT) == "answering", 10)
    participant_action(console, STUDENT, "extra")
    assert focused_id(console) == "extra-minutes"
    minutes = by_id(console, "extra-minutes")
    minutes.clear()
    minutes.send_keys("5")
    click(console, by_id(console, "extra-confirm"))  # no reason: refused in the dialog
    wait_until(console, lambda: by_id(console, "dialog-error").is_displayed(), 5, "no message for a missing reason")
    assert "理由" in by_id(console, "dialog-error").text
    by_id(console, "extra-reason").send_keys("电脑死机 " + SCRIPT)
    screenshot(console, "proctor-07-extra-time-dialog")
    before = countdown_seconds(student)
    click(console, by_id(console, "extra-confirm"))
    wait_dialog(console, closed=True)
    assert focused_id(console) == "act-" + STUDENT, "focus did not come back to the row's 操作 button"
    wait_until(student, lambda: countdown_seconds(student) >= before + 290, 12,
               "the extra 5 minutes did not show on the student's countdown")
    assert countdown_seconds(student) <= before + 305
    wait_until(console, lambda: cell(console, STUDENT, "extra") == "+5 分", 10)

    # Marks: absent with a note holding markup (shown as text), excluded, and a mark cleared.
    participant_action(console, "G4S002", "mark")
    Select(by_id(console, "mark-reason")).select_by_value("other")
    click(console, by_id(console, "mark-confirm"))
    wait_until(console, lambda: by_id(console, "dialog-error").is_displayed(), 5, "'other' without a note was accepted")
    by_id(console, "mark-note").send_keys("家长来电 " + IMG)
    screenshot(console, "proctor-08-mark-dialog")
    click(console, by_id(console, "mark-confirm"))
    wait_dialog(console, closed=True)
    wait_until(console, lambda: row_status(console, "G4S002") == "absent", 10)
    assert IMG in row(console, "G4S002").find_element(By.CSS_SELECTOR, ".mark-note").get_attribute("textContent")
    participant_action(console, "G4S003", "mark")
    click(console, by_id(console, "mark-kind-excluded"))
    click(console, by_id(console, "mark-confirm"))
    wait_dialog(console, closed=True)
    wait_until(console, lambda: row_status(console, "G4S003") == "excluded", 10)
    participant_action(console, "G4S004", "mark")
    click(console, by_id(console, "mark-confirm"))
    wait_dialog(console, closed=True)
    wait_until(console, lambda: row_status(console, "G4S004") == "absent", 10)
    participant_action(console, "G4S004", "clear")
    click(console, by_id(console, "clear-confirm"))
    wait_dialog(console, closed=True)
    wait_until(console, lambda: row_status(console, "G4S004") == "not_logged_in", 10)
    assert injected(console, "document.getElementById('roster-body')") == [0, None]

    # Unlock: a fresh browser cannot take over the open attempt until the proctor unlocks it; then
    # the old browser is told its login ended, and the fresh one has every answer.
    fresh = new_browser()
    login(fresh, kiosk, STUDENT)
    wait_until(fresh, lambda: by_id(fresh, "login-error").is_displayed(), 15, "no refusal while the attempt is locked")
    participant_action(console, STUDENT, "unlock")
    by_id(console, "unlock-reason").send_keys("B-07 死机，换到 B-08")
    click(console, by_id(console, "unlock-confirm"))
    wait_dialog(console, closed=True)
    wait_for_screen(student, "login", timeout=15)
    assert "登录已结束" in by_id(student, "login-error").text
    screenshot(student, "proctor-09-old-browser-logged-out")
    status, _ = kiosk.request("GET", "/api/v1/attempt", token=student_token)
    assert status == 401
    login(fresh, kiosk, STUDENT)
    wait_for_screen(fresh, "answering", timeout=20)
    wait_for_page(fresh, 2)
    assert checked(fresh, "S1Q07") == [2] and checked(fresh, "S1Q08") == [1]
    click(fresh, by_id(fresh, "prev-button"))
    wait_for_page(fresh, 1)
    assert checked(fresh, "S1Q01") == [2] and by_id(fresh, "in-S1Q02").get_attribute("value") == "10"
    screenshot(fresh, "proctor-10-fresh-browser-resumed")
    wait_until(console, lambda: row_status(console, STUDENT) == "answering", 10)

    # An incident whose description holds markup: recorded, listed as text, nothing injected.
    tab(console, "incidents")
    assert by_id(console, "incident-session").get_attribute("value") == SESSION
    assert re.match(r"^\d\d:\d\d$", by_id(console, "incident-time").get_attribute("value"))
    wait_until(console, lambda: console.find_elements(By.ID, "pick-" + STUDENT), 10, "no roster to pick from")
    click(console, by_id(console, "pick-" + STUDENT))
    by_id(console, "incident-ids").send_keys("g4s002")
    description = "机房断电约 8 分钟 " + IMG + " " + SCRIPT
    by_id(console, "incident-description").send_keys(description)
    by_id(console, "incident-action").send_keys("暂停全场，来电后继续；" + STUDENT + " 换机")
    click(console, by_id(console, "incident-submit"))
    wait_until(console, lambda: by_id(console, "incident-done").is_displayed(), 10,
               "the incident was not recorded: " + by_id(console, "incident-error").text)
    assert "记录人：" + PROCTOR in by_id(console, "incident-done").text
    wait_until(console, lambda: console.find_elements(By.CSS_SELECTOR, "#incident-body tr"), 10)
    listed = by_id(console, "incident-body").text
    assert description in listed and "停电" in listed and "G4S001、G4S002" in listed, listed
    assert injected(console) == [0, None]
    console.execute_script("window.scrollTo(0, 0);")
    screenshot(console, "proctor-11-incidents")

    # Lab readiness: the machine that passed first, the problem in Chinese.
    tab(console, "lab")
    wait_until(console, lambda: len(console.find_elements(By.CSS_SELECTOR, "#lab-body tr")) == 2, 10)
    rows = console.find_elements(By.CSS_SELECTOR, "#lab-body tr")
    assert rows[0].get_attribute("data-machine") == "B-07" and "通过" in rows[0].text
    assert rows[1].get_attribute("data-machine") == "A-02" and "屏幕小于 1024×768" in rows[1].text
    assert "通过 1 台" in by_id(console, "lab-summary").text
    screenshot(console, "proctor-12-lab-readiness")

    # The audit log: who did what, with the reasons, as text.
    tab(console, "audit")
    wait_until(console, lambda: console.find_elements(By.CSS_SELECTOR, "#audit-body tr[data-action='participant.unlock']"), 10)
    actions = [tr.get_attribute("data-action") for tr in console.find_elements(By.CSS_SELECTOR, "#audit-body tr")]
    for action in ("session.start", "session.pause", "session.resume", "participant.extra_time",
                   "participant.unlock", "participant.mark", "participant.clear_mark", "incident.record", "staff.login"):
        assert action in actions, (action, actions)
    log = by_id(console, "audit-body").text
    assert "暂停全场" in log and "停电 <b>全楼</b>" in log and "电脑死机 " + SCRIPT in log, log
    assert injected(console) == [0, None]
    assert_no_horizontal_scroll(console)
    screenshot(console, "proctor-13-audit-log")

    # The completion report, printable, with the incident and the mark shown as text.
    tab(console, "report")
    link = by_id(console, "report-link-" + SESSION)
    assert link.get_attribute("href").endswith("/proctor/report.html?session=" + SESSION)
    console.get(link.get_attribute("href"))
    wait_until(console, lambda: console.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "ready", 15,
               "the report did not load: " + by_id(console, "report-message").text)
    numbers = {key: by_id(console, "s-" + key).text for key in
               ("sampled", "present", "finished", "timedOut", "notFinished", "absent", "excluded")}
    assert numbers == {"sampled": "30", "present": "1", "finished": "0", "timedOut": "0", "notFinished": "1",
                       "absent": "1", "excluded": "1"}, numbers
    report = by_id(console, "report").text
    assert "四年级学生问卷（一）" in report and "测试完成情况" in report and "监测员签字" in report
    assert description in report and ("其他：家长来电 " + IMG) in report
    assert "特殊教育需要" in by_id(console, "r-excluded-reasons").text
    assert injected(console) == [0, None]
    screenshot(console, "proctor-14-report")
    console.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not by_id(console, "print").is_displayed()
    assert console.execute_script("return getComputedStyle(document.querySelector('.report-nav')).display") == "none"
    console.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = console.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    assert pdf["data"]
    (SCREENSHOTS / "proctor-14-report.pdf").write_bytes(base64.b64decode(pdf["data"]))

    # Logging out ends the console's login.
    console.get(kiosk.url + "/proctor/")
    wait_until(console, lambda: screen(console) == "console", 15)
    click(console, by_id(console, "logout"))
    wait_until(console, lambda: screen(console) == "login", 10)
    console.refresh()
    wait_until(console, lambda: screen(console) == "login", 15, "the login survived the logout")


def test_an_inspector_sees_everything_and_changes_nothing(kiosk, new_browser, screenshot):
    driver = new_browser()
    console_login(driver, kiosk, INSPECTOR)
    assert "督学" in by_id(driver, "user-role").text
    assert by_id(driver, "day-readonly").is_displayed()
    actions = driver.find_elements(By.CSS_SELECTOR, "#day-body .actions button:not([data-action='monitor'])")
    assert actions and not any(button.is_displayed() for button in actions)
    click(driver, by_id(driver, f"day-{SESSION}-monitor"))
    wait_until(driver, lambda: driver.find_elements(By.CSS_SELECTOR, "#roster-body tr"), 10)
    assert not any(b.is_displayed() for b in driver.find_elements(By.CSS_SELECTOR, ".row-button"))
    # The class filter: only 4(2) shown, and the counts are of what is shown.
    Select(by_id(driver, "roster-class")).select_by_value("4(2)")
    shown = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "#roster-body tr") if tr.is_displayed()]
    assert shown and all(tr.find_element(By.CSS_SELECTOR, ".col-class").text == "4(2)" for tr in shown)
    assert not row(driver, STUDENT).is_displayed()
    total = by_id(driver, "roster-summary").find_element(By.CSS_SELECTOR, ".summary-total .summary-count").text
    assert total == str(len(shown))
    assert not any(b.is_displayed() for b in driver.find_elements(By.CSS_SELECTOR, "#roster-actions button"))
    tab(driver, "incidents")
    assert not by_id(driver, "incident-form").is_displayed() and by_id(driver, "incident-readonly").is_displayed()
    screenshot(driver, "proctor-15-inspector-incidents")
    # The server refuses anyway: the inspector's own login, with its CSRF token, may not pause.
    refused = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch('/api/v1/staff/me', {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (me) {
          return fetch('/api/v1/staff/sessions/T-NOW/pause', {method: 'POST', credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken}, body: '{}'});
        }).then(function (r) { return r.json().then(function (b) { done([r.status, b.error && b.error.code]); }); });
    """)
    assert refused == [403, "forbidden_role"], refused


def test_the_console_by_keyboard_alone_and_a_start_outside_the_window(kiosk, new_browser, screenshot):
    driver = new_browser()
    driver.get(kiosk.url + "/proctor/")
    wait_until(driver, lambda: screen(driver) == "login", 15)

    def keys(*sequence):
        driver.switch_to.active_element.send_keys(*sequence)

    keys(PROCTOR, Keys.TAB, PASSWORD, Keys.ENTER)
    wait_until(driver, lambda: screen(driver) == "console" and focused_id(driver) == "tab-day", 15,
               "after login the focus should be on the selected tab")
    # Arrow keys move between the tabs, as tabs do.
    keys(Keys.ARROW_RIGHT)
    assert focused_id(driver) == "tab-roster" and by_id(driver, "panel-roster").is_displayed()
    keys(Keys.END)
    assert focused_id(driver) == "tab-audit"
    keys(Keys.HOME)
    assert focused_id(driver) == "tab-day" and by_id(driver, "panel-day").is_displayed()
    ring = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none", "the focused tab shows no focus ring"

    # Tab to the teacher session's start button (it is outside its window).
    target = f"day-{LATER}-start"
    passed = []
    for _ in range(40):
        keys(Keys.TAB)
        passed.append(focused_id(driver) or driver.switch_to.active_element.tag_name)
        if focused_id(driver) == target:
            break
    assert focused_id(driver) == target, (passed, driver.find_element(By.ID, "day-" + LATER).get_attribute("outerHTML"))
    keys(Keys.ENTER)
    wait_dialog(driver)  # reason_required: the dialog asks for a written reason
    assert focused_id(driver) == "start-reason"
    assert "此操作需要填写原因" in by_id(driver, "dialog").text  # the server's own words
    # Focus stays inside the dialog both ways.
    seen = []
    for _ in range(4):
        keys(Keys.TAB)
        seen.append(focused_id(driver))
    assert seen == ["dialog-cancel", "start-confirm", "start-reason", "dialog-cancel"], seen
    keys(Keys.SHIFT, Keys.TAB)
    assert focused_id(driver) == "start-reason"
    screenshot(driver, "proctor-16-start-reason-dialog")
    # Esc closes it and gives the focus back.
    keys(Keys.ESCAPE)
    wait_dialog(driver, closed=True)
    assert focused_id(driver) == target
    assert day_state(driver, LATER) in ("scheduled", "closed")

    keys(Keys.ENTER)
    wait_dialog(driver)
    keys("教师会议提前结束，提前开始填答")
    keys(Keys.TAB, Keys.TAB)
    assert focused_id(driver) == "start-confirm"
    keys(Keys.ENTER)
    wait_dialog(driver, closed=True)
    wait_until(driver, lambda: day_state(driver, LATER) == "open", 10, "the late start with a reason did not open it")
    assert focused_id(driver) in (f"day-{LATER}-pause", f"day-{LATER}-end")
