"""Start the theme's script once the page has been shown, not while it is shown.

Material's script (its "bundle") is what makes search, the copy buttons and
the sidebars work, and starting it is the longest stretch of main-thread work
on a page: 100-150 ms on the heaviest page here, unthrottled. As a deferred
script it runs as soon as the page is parsed, and on a slow phone that is
while the browser is still painting the first screen. Lighthouse then counts
it on the way to the largest paint, and its score on the heaviest page swung
between a largest paint of 1.2 s and 2.5 s from run to run (make audit).

Here the bundle is fetched early (``<link rel="preload">``) but started after
the page is parsed and two frames have been drawn (or after a second, in a tab
that draws no frames). The theme waits for ``DOMContentLoaded``, which has
passed by then; ``document$``, the hook the theme documents for scripts of
one's own, starts it instead. Without JavaScript nothing changes.
"""

from __future__ import annotations

import re

#: The theme's own <script> for its bundle, as its base.html writes it.
THEME_SCRIPT = re.compile(
    r'<script (?:defer )?src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>'
)

#: Flags that the theme has started (set after ``document$`` has emitted): what
#: a test waits for before it uses search or a copy button.
STARTED = "__themeStarted"

_LOADER = """<link rel="preload" href="{src}" as="script">
<script>document.addEventListener("DOMContentLoaded", function () {{
  var started = false;
  function start() {{
    if (started) return;
    started = true;
    var script = document.createElement("script");
    script.src = "{src}";
    script.onload = function () {{  // in a task of its own: two shorter tasks, not one long one
      setTimeout(function () {{ window.document$.next(document); window.{started} = true; }});
    }};
    document.body.appendChild(script);
  }}
  requestAnimationFrame(function () {{ requestAnimationFrame(function () {{ setTimeout(start); }}); }});
  setTimeout(start, 1000);
}});</script>"""


class ThemeScriptNotFound(ValueError):
    """The page has no script tag for the theme's bundle, or more than one."""


def start_theme_after_first_frames(html: str, where: str) -> str:
    """Replace the theme's script tag in a built page with a preload and a late start.

    ``where`` names the page in the error raised when the theme's tag is not
    there exactly once (a new version of the theme may write it differently).
    """
    late, found = THEME_SCRIPT.subn(lambda match: _LOADER.format(src=match["src"], started=STARTED), html)
    if found != 1:
        raise ThemeScriptNotFound(
            f"{where}: expected one <script> for the theme's bundle, found {found}; "
            f"the theme writes it differently now: update THEME_SCRIPT in {__file__}"
        )
    return late
