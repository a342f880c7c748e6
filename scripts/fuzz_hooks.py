"""Schemathesis hooks for `make fuzz` (loaded through SCHEMATHESIS_HOOKS by scripts/fuzz.sh).

CPython 3.11.7, the machine's Python, can raise "SystemError: AST constructor recursion depth mismatch" from
ast.parse when called deep in a stack (fixed in later CPython releases). Hypothesis calls it to describe the
lambdas of filtered strategies, and schemathesis then reports the operation under test as a runtime error,
although the API was never asked anything. A description is only cosmetic: on that error, say "unknown".
"""
from hypothesis.internal import lambda_sources

_describe = lambda_sources._lambda_description


def _describe_or_unknown(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _describe_or_unknown
