"""Code that runs inside the snippet's own process.

Everything in this folder is standard-library only and must import on every
interpreter the site runs examples on (Python 3.6 and newer): no f-string
``=`` specifiers, no walrus, no ``from __future__ import annotations``.
"""
