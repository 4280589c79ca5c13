#!/usr/bin/env python3
"""Loads HTML pages in a headless Chromium (the system's /usr/bin/chromium,
driven by playwright) at a 360-px phone width and checks what a resident on
a phone would notice:

  overflow   the page is wider than the screen (it scrolls sideways); a
             table may scroll inside its own box, the page may not
  requests   the page asks for anything (scripts, fonts, images, styles or a
             favicon): reports are self-contained
  console    the page logged an error
  cjk_font   Chinese text would render in a fallback box font (no CJK font)

    phone_check.py [--screenshots DIR] page.html ...  -> one JSON line per page, exit 1 if any fails
"""
import json
import os
import subprocess
import sys

from playwright.sync_api import sync_playwright

WIDTH = 360
CHROMIUM = os.environ.get("MICROFUND_CHROMIUM", "/usr/bin/chromium")

MEASURE = """() => {
  const doc = document.documentElement;
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    // Inside a scroll box (a table's) an element may be wider than the screen.
    let scroller = element.parentElement, inside = false;
    while (scroller && scroller !== document.body) {
      const style = getComputedStyle(scroller);
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') { inside = true; break; }
      scroller = scroller.parentElement;
    }
    if (!inside && box.right > doc.clientWidth + 0.5) wide.push(element.tagName.toLowerCase() + (element.className ? '.' + element.className : ''));
  }
  const text = document.body.innerText;
  const chinese = /[\\u4e00-\\u9fff]/.test(text);
  return {
    scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide: wide.slice(0, 5),
    chinese: chinese,
  };
}"""


def cjk_fonts():
    """The families fontconfig can draw Chinese with (fonts-noto-cjk gives Noto Sans CJK SC)."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        return []
    return [line for line in out.splitlines() if line.strip()]


def main(argv):
    shots = None
    if len(argv) > 2 and argv[1] == "--screenshots":
        shots = argv[2]
        argv = argv[:1] + argv[3:]
        os.makedirs(shots, exist_ok=True)
    pages = argv[1:]
    if not pages:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    has_cjk_font = bool(cjk_fonts())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": WIDTH, "height": 740}, device_scale_factor=1, is_mobile=True, has_touch=True)
        for path in pages:
            page = context.new_page()
            requests, console = [], []
            url = "file://" + os.path.abspath(path)
            page.on("request", lambda r: requests.append(r.url) if r.url != url else None)
            page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: console.append(str(e)))
            page.goto(url)
            page.wait_for_load_state("load")
            measured = page.evaluate(MEASURE)
            problems = []
            if measured["scrollWidth"] > measured["clientWidth"] or measured["wide"]:
                problems.append("overflow")
            if requests:
                problems.append("requests")
            if console:
                problems.append("console")
            if measured["chinese"] and not has_cjk_font:
                problems.append("cjk_font")
            if shots:
                page.screenshot(path=os.path.join(shots, os.path.basename(path) + ".png"), full_page=True)
            failed = failed or bool(problems)
            print(json.dumps({"page": path, "ok": not problems, "problems": problems, "scroll_width": measured["scrollWidth"],
                              "client_width": measured["clientWidth"], "wide": measured["wide"], "requests": requests[:5], "console": console[:5]},
                             ensure_ascii=False), flush=True)
            page.close()
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
