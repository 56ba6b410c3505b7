"""Build and test tooling for asyncio by Example.

Small modules with one job each; the README's "How it is built" table lists
every one of them with its job (one list, kept in one place).  ``inproc/``
holds the only code that runs inside a snippet's process.
"""
