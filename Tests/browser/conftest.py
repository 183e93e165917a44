"""Shared fixtures for the browser tests: a real kiosk server on a prepared data folder, and Chromium.

The kiosk is the built binary (`$KIOSK_EXECUTABLE`, set by `./kiosk test`; otherwise
`.build/debug/kiosk`). Each data folder is made from a small test bundle: the built-in demo bundle
with its timetable replaced by one grade-4 session of instrument G4-STU-1 around the present moment
(today in the site's time zone, Asia/Shanghai), loaded with `kiosk init`, given access codes with
`kiosk roster codes`, and served with `kiosk serve --port 0` (the port is read from the banner).
"""

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
DEMO_BUNDLE = ROOT / "Sources" / "kiosk" / "DemoBundle"
WEB = ROOT / "web"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SITE_TIME_ZONE = ZoneInfo("Asia/Shanghai")  # the demo bundle's kiosk.json


def kiosk_executable():
    path = Path(os.environ.get("KIOSK_EXECUTABLE") or ROOT / ".build" / "debug" / "kiosk")
    if not path.is_file():
        pytest.fail(f"no kiosk program at {path}: build it with `swift build --product kiosk` (or run ./kiosk test)")
    return path


def run_kiosk(*arguments, input=None):
    result = subprocess.run([str(kiosk_executable()), *arguments], capture_output=True, text=True, timeout=120,
                            input=input)
    if result.returncode != 0:
        raise AssertionError(f"kiosk {' '.join(arguments)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def hhmm(moment):
    return moment.strftime("%H:%M")


def write_bundle(folder, *, start, end, duration_minutes, session_id="T-NOW", proctor_start=False,
                 extra_sessions=()):
    """The demo bundle with one grade-4 session of G4-STU-1 on today's date, from `start` to `end`
    (local times in the site's zone, as datetimes on the same day). `proctor_start`: the session opens
    only when a proctor starts it; `extra_sessions`: more timetable entries, written as given."""
    shutil.copytree(DEMO_BUNDLE, folder)
    timetable = {"sessions": [{
        "id": session_id,
        "title": {"zh-CN": "四年级学生问卷（一）", "en": "Grade 4 student questionnaire (1)"},
        "date": start.strftime("%Y-%m-%d"),
        "start": hhmm(start),
        "end": hhmm(end),
        "instrument": "G4-STU-1",
        "audience": {"role": "student", "grades": [4]},
        "durationMinutes": duration_minutes,
        "proctorStart": proctor_start,
        "practice": False,
    }, *extra_sessions]}
    (folder / "timetable.json").write_text(json.dumps(timetable, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def open_window(duration_minutes, *, starts_in_minutes=-5, lasts_minutes=65):
    """A session window around now, clamped within today's date in the site's time zone."""
    now = datetime.now(SITE_TIME_ZONE).replace(second=0, microsecond=0)
    day_start = now.replace(hour=0, minute=0)
    day_end = now.replace(hour=23, minute=59)
    start = max(day_start, min(now + timedelta(minutes=starts_in_minutes), day_end - timedelta(minutes=1)))
    end = min(day_end, start + timedelta(minutes=lasts_minutes))
    return start, end


class KioskData:
    """A loaded data folder with access codes: `codes` maps participant ID to access code."""

    def __init__(self, folder, bundle):
        self.folder = folder
        self.bundle = bundle
        run_kiosk("init", "--bundle", str(bundle), "--data", str(folder))
        run_kiosk("roster", "codes", "--data", str(folder))
        with open(folder / "login-codes.csv", encoding="utf-8-sig", newline="") as file:
            self.rows = list(csv.DictReader(file))
        self.codes = {row["id"]: row["code"] for row in self.rows}


def add_staff(data, name, role, password):
    """A staff account (`kiosk staff add`), the password given on standard input."""
    run_kiosk("staff", "add", name, "--role", role, "--password-stdin", "--data", str(data.folder),
              input=password + "\n")


def prepare_data(tmp_path_factory, name, *, duration_minutes, starts_in_minutes=-5, lasts_minutes=65):
    base = tmp_path_factory.mktemp(name)
    start, end = open_window(duration_minutes, starts_in_minutes=starts_in_minutes, lasts_minutes=lasts_minutes)
    bundle = write_bundle(base / "bundle", start=start, end=end, duration_minutes=duration_minutes)
    data = KioskData(base / "data", bundle)
    data.window = (start, end)
    return data


class KioskServer:
    """`kiosk serve` as a child process; `stop()` sends SIGTERM, `start()` again reuses the port."""

    BANNER = re.compile(r"http://127\.0\.0\.1:(\d+)/")

    def __init__(self, data):
        self.data = data
        self.port = 0
        self.process = None
        self.output = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=30):
        command = [str(kiosk_executable()), "serve", "--data", str(self.data.folder), "--port", str(self.port),
                   "--web", str(WEB)]
        deadline = time.monotonic() + timeout
        while True:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            found = threading.Event()
            port = []

            def read(process=self.process):
                for line in process.stdout:
                    self.output.append(line)
                    match = self.BANNER.search(line)
                    if match and not found.is_set():
                        port.append(int(match.group(1)))
                        found.set()
                found.set()

            threading.Thread(target=read, daemon=True).start()
            found.wait(max(1, deadline - time.monotonic()))
            if port and self.process.poll() is None:
                self.port = port[0]
                self.wait_healthy(deadline)
                return self
            # The port of a server just stopped may still be held for a moment: try again.
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            if time.monotonic() > deadline:
                raise AssertionError("kiosk serve did not start:\n" + "".join(self.output[-40:]))
            time.sleep(0.5)

    def wait_healthy(self, deadline):
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("kiosk serve never became healthy:\n" + "".join(self.output[-40:]))

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                status = self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise AssertionError("kiosk serve did not stop on SIGTERM")
            assert status == 0, "kiosk serve exited with %d on SIGTERM:\n%s" % (status, "".join(self.output[-40:]))
        self.process = None

    def request(self, method, path, body=None, token=None):
        """(status, parsed JSON body) of one API call, with the participant's token as a cookie."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Cookie", f"kiosk_token={token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                text = response.read().decode("utf-8")
                return response.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8")
            return error.code, (json.loads(text) if text else None)


@pytest.fixture(scope="module")
def new_browser():
    """Starts a headless Chromium at 1024x768 (each call a fresh profile); all are quit at the end."""
    started = []

    def start():
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--window-size=1024,768", "--lang=zh-CN"):
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        started.append(driver)
        # A lab's machines keep the site's time: the page shows opening times in local time.
        driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": SITE_TIME_ZONE.key})
        return driver

    yield start
    for driver in started:
        try:
            driver.quit()
        except Exception:  # a browser that already died must not hide the test's own failure
            pass


@pytest.fixture(scope="session")
def screenshot():
    """Saves the browser's viewport as test-artifacts/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(driver, name):
        time.sleep(0.3)  # let a transition or a focus ring settle
        driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))

    return save
